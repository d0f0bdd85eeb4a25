import { clientLabelForSitter, newClientNotice, tellsSitter } from './sitter-notice';

describe('the sitter hears of a new client (OPS §4.3 "Sitter notified")', () => {
  it('names the client as a sitter sees them, with the booking label and the local start', () => {
    expect(clientLabelForSitter('Casey', 'weekly')).toBe('Casey · Weekly visits');
    const text = newClientNotice({ clientFirstName: 'Jordan', kind: 'one_time', startsAt: new Date('2026-01-20T18:00:00Z'), timeZone: 'America/Los_Angeles' });
    expect(text.startsWith('New client: Jordan · One-time visit, from Tue, Jan 20, 10:00 AM PST.')).toBe(true);
    expect(text).not.toMatch(/\+?\d{7,}/);
  });

  const now = new Date('2026-01-20T12:00:00Z');
  const later = new Date('2026-01-21T12:00:00Z');
  it.each([
    ['a new confirmed booking with a sitter', { sitterId: 7, status: 'confirmed', endsAt: later, previousSitterId: undefined }, true],
    ['a change to another sitter', { sitterId: 7, status: 'confirmed', endsAt: later, previousSitterId: 8 }, true],
    ['a change that keeps the sitter', { sitterId: 7, status: 'confirmed', endsAt: later, previousSitterId: 7 }, false],
    ['a booking without a sitter', { sitterId: null, status: 'confirmed', endsAt: later, previousSitterId: undefined }, false],
    ['a cancelled booking', { sitterId: 7, status: 'cancelled', endsAt: later, previousSitterId: undefined }, false],
    ['a completed booking', { sitterId: 7, status: 'completed', endsAt: later, previousSitterId: undefined }, false],
    ['a booking already over', { sitterId: 7, status: 'confirmed', endsAt: now, previousSitterId: undefined }, false],
  ])('%s → %s', (_name, write, expected) => {
    expect(tellsSitter(write, now)).toBe(expected);
  });
});
