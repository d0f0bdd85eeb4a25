import { shouldShowSystemMessage, systemMessageFor } from './system-message';

describe('systemMessageFor (PRD §6.3)', () => {
  it('gives a business the PRD copy with a same-tab Dashboard link', () => {
    expect(systemMessageFor('business')).toEqual({
      title: 'Welcome to Messages',
      bodyHtml:
        '<p>To get started, complete your business profile, then start a conversation with Admin. You can manage your account on the <a href="/dashboard">Dashboard</a>.</p>',
    });
  });

  it.each(['va', 'sitter'] as const)('gives a %s the same title and a Dashboard link', (role) => {
    const message = systemMessageFor(role);
    expect(message.title).toBe('Welcome to Messages');
    expect(message.bodyHtml).toContain('<a href="/dashboard">Dashboard</a>');
    expect(message.bodyHtml).not.toContain('business profile');
  });

  it.each([
    [0, true, true],
    [0, false, true],
    [3, false, true],
    [3, true, false],
  ])('with %i conversations and canCompose %s shows it: %s', (count, canCompose, shown) => {
    expect(shouldShowSystemMessage(count, canCompose)).toBe(shown);
  });
});
