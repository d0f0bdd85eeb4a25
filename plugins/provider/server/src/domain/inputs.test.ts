import { accountRefusal, connectTwilioSchema, deliveryIdFrom, phoneQuerySchema, phoneReplySchema, webhookSettingSchema } from './inputs';

const firstProblem = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? null : result.error!.issues[0].message);
const SID = `AC${'0'.repeat(32)}`;

describe('connectTwilioSchema', () => {
  it.each([
    [{ accountSid: SID, authToken: 'x'.repeat(32) }, null],
    [{ accountSid: SID, authToken: 'x'.repeat(32), webhookBaseUrl: 'https://sb.example', frontDeskNumber: '+14155550100' }, null],
    [{ authToken: 'x'.repeat(32) }, 'accountSid is required.'],
    [{ accountSid: 'AC123', authToken: 'x'.repeat(32) }, 'accountSid must be the 34-character account id that starts with AC.'],
    [{ accountSid: SID }, 'authToken is required.'],
    [{ accountSid: SID, authToken: 'short' }, 'authToken looks too short; copy the whole auth token.'],
    [{ accountSid: SID, authToken: 'x'.repeat(32), webhookBaseUrl: 'not a url' }, 'webhookBaseUrl must be the public https address of this server.'],
    [{ accountSid: SID, authToken: 'x'.repeat(32), frontDeskNumber: '415-555-0100' }, 'frontDeskNumber must be in international format, like +14155550100.'],
  ])('%j → %p', (body, problem) => {
    expect(firstProblem(connectTwilioSchema.safeParse(body))).toBe(problem);
  });

  it('refuses keys it does not know, such as another API base', () => {
    expect(connectTwilioSchema.safeParse({ accountSid: SID, authToken: 'x'.repeat(32), apiBaseUrl: 'http://elsewhere' }).success).toBe(false);
  });
});

describe('phoneQuerySchema', () => {
  it.each([
    [{ phoneNumber: '+14155550199' }, null],
    [{ phoneNumber: '+14155550199', other: 'ignored' }, null],
    [{}, 'phoneNumber must be in international format, like +14155550199.'],
    [{ phoneNumber: '4155550199' }, 'phoneNumber must be in international format, like +14155550199.'],
    [{ phoneNumber: ['+14155550199', '+14155550198'] }, 'phoneNumber must be in international format, like +14155550199.'],
  ])('%j → %p', (query, problem) => {
    expect(firstProblem(phoneQuerySchema.safeParse(query))).toBe(problem);
  });
});

describe('phoneReplySchema', () => {
  it.each([
    [{ from: '+14155550199', body: 'Hi' }, null],
    [{ from: '12', body: 'x' }, null],
    [{ body: 'Hi' }, 'from is the client phone number.'],
    [{ from: '+14155550199' }, 'body is the text to send.'],
    [{ from: '+14155550199', body: '   ' }, 'Write something to send.'],
    [{ from: '+14155550199', body: 'x'.repeat(1601) }, 'An SMS here is at most 1,600 characters.'],
  ])('%j → %p', (body, problem) => {
    expect(firstProblem(phoneReplySchema.safeParse(body))).toBe(problem);
  });

  it('trims the body it sends', () => {
    expect(phoneReplySchema.parse({ from: '+14155550199', body: '  Hi  ' }).body).toBe('Hi');
  });
});

describe('deliveryIdFrom', () => {
  it.each([
    ['12', 12],
    ['1', 1],
    ['abc', null],
    ['1.5', null],
    [undefined, null],
    ['99999999999999999999', null],
  ])('%p → %p', (param, id) => {
    expect(deliveryIdFrom(param)).toBe(id);
  });
});

describe('accountRefusal', () => {
  it.each([
    [['The account is not active. Reactivate it.'], 'The account is not active. Reactivate it.'],
    [['One.', 'Two.'], 'One. Two.'],
    [[], 'The provider did not accept these credentials.'],
  ])('%j → %p', (problems, refusal) => {
    expect(accountRefusal({ problems })).toBe(refusal);
  });
});

describe('webhookSettingSchema (PUT /provider/settings/webhook)', () => {
  const SENTENCE = 'webhookBaseUrl must be the public address of this server, like https://messages.example.com (http or https, no query or fragment), or null for the default.';
  it.each([
    [{ webhookBaseUrl: 'https://messages.example.com' }, null],
    [{ webhookBaseUrl: 'https://example.com/switchboard' }, null],
    [{ webhookBaseUrl: null }, null],
    [{ webhookBaseUrl: 'messages.example.com' }, SENTENCE],
    [{ webhookBaseUrl: 'javascript:alert(1)' }, SENTENCE],
    [{ webhookBaseUrl: 'https://user:pass@messages.example.com' }, SENTENCE],
    [{ webhookBaseUrl: 'https://messages.example.com/#top' }, SENTENCE],
    [{ webhookBaseUrl: `https://${'a'.repeat(500)}.example.com` }, SENTENCE],
    [{}, SENTENCE],
    [{ webhookBaseUrl: null, other: 1 }, 'Unknown field: other.'],
  ])('%j → %p', (body, problem) => {
    expect(firstProblem(webhookSettingSchema.safeParse(body))).toBe(problem);
  });
});
