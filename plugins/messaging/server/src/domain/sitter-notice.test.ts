import { sitterNoticeText } from './sitter-notice';
import { textToMessageHtml } from './text-to-html';

describe('sitterNoticeText', () => {
  it.each([
    [
      { kind: 'activated' as const, sitterUserId: 7, e164: '+14155550120' },
      "You've been activated. Your masked number is +14155550120.\n\nClients you are assigned to text you on this number; your own phone number stays private.",
    ],
    [
      { kind: 'number_assigned' as const, sitterUserId: 7, e164: '+14155550130' },
      'Your masked number is now +14155550130.\n\nClients you are assigned to text you on this number; your own phone number stays private.',
    ],
    [
      { kind: 'number_released' as const, sitterUserId: 7, e164: '+14155550130' },
      'Your masked number +14155550130 was released. Until the owner assigns you a new one, clients cannot text you.',
    ],
  ])('%j → the sentence the sitter reads', (notice, text) => {
    expect(sitterNoticeText(notice)).toBe(text);
  });

  it('becomes two escaped paragraphs of message HTML', () => {
    expect(textToMessageHtml(sitterNoticeText({ kind: 'activated', sitterUserId: 7, e164: '+14155550120' }))).toBe(
      "<p>You&#39;ve been activated. Your masked number is +14155550120.</p><p>Clients you are assigned to text you on this number; your own phone number stays private.</p>",
    );
  });
});
