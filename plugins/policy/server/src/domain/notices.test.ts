import { blockedNotice, heldNotice, ownerNoticeText, senderWarningText, typeList, violationTitle } from './notices';

describe('the notice to the sender of a blocked message', () => {
  it.each<[string[], string]>([
    [['phone_number'], 'This message was not sent because it contains a phone number. Keep conversations on this business number; the owner has been told.'],
    [['email', 'url', 'social_handle'], 'This message was not sent because it contains an email address, a link and a social media handle. Keep conversations on this business number; the owner has been told.'],
  ])('%j', (types, sentence) => expect(blockedNotice(types)).toBe(sentence));
});

describe('the other sentences name what was found', () => {
  it('lists types with commas and "and", and says "contact details" for none', () => {
    expect([typeList([]), typeList(['url']), typeList(['url', 'email'])]).toEqual(['contact details', 'a link', 'a link and an email address']);
  });

  it('tells staff a held client message waits for an owner', () => {
    expect(heldNotice(['email'])).toBe('This message was held for review because it contains an email address. The sitter sees it only if an owner approves it.');
  });

  it.each<[Parameters<typeof ownerNoticeText>[0], string]>([
    [
      { actionTaken: 'blocked', senderRole: 'sitter', senderName: 'Sam Sitter', clientName: 'Casey Morgan', types: ['phone_number'] },
      "Policy violation: Sam Sitter's message to Casey Morgan was blocked because it contains a phone number. Review it under Policy violations.",
    ],
    [
      { actionTaken: 'blocked', senderRole: 'automation', senderName: 'Booking confirmation', clientName: 'Jordan Lee', types: ['url'] },
      'Policy violation: An automated message to Jordan Lee was blocked because it contains a link. Review it under Policy violations.',
    ],
    [
      { actionTaken: 'held', senderRole: 'client', senderName: 'Casey Morgan', clientName: 'Casey Morgan', types: ['social_handle'] },
      "Policy violation: Casey Morgan's message to the sitter was held because it contains a social media handle. Review it under Policy violations.",
    ],
  ])('the owner inbox notice (%#)', (subject, sentence) => expect(ownerNoticeText(subject)).toBe(sentence));

  it('warns a sitter by the client first name', () => {
    expect(senderWarningText('Casey Morgan', ['phone_number'])).toBe(
      'Reminder: keep every conversation with clients on the business number. Your message to Casey was not sent because it contained a phone number, and the owner will review it.',
    );
    expect(senderWarningText('  ', ['email'])).toContain('Your message to your client was not sent');
  });

  it("titles the alert as OPS §4.8 words it", () => {
    expect(violationTitle('Casey Morgan', 'phone_number')).toBe('Policy violation: Casey Morgan - Phone number');
    expect(violationTitle('Casey Morgan', 'odd')).toBe('Policy violation: Casey Morgan - Contact details');
  });
});
