import { createAppConversationSchema, createStaffConversationSchema, messagePageSchema } from './message-input';

const MAX_ID = '9223372036854775807'; // 2^63 - 1

describe('messagePageSchema sinceId (API.md "Paging")', () => {
  it.each([
    ['0', 'from the first message'],
    ['1', 'the smallest message id'],
    ['123456789012345678', 'a snowflake'],
    [MAX_ID, 'the largest message id'],
  ])('accepts sinceId=%s (%s)', (sinceId) => {
    const parsed = messagePageSchema.safeParse({ sinceId });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.sinceId).toBe(sinceId);
  });

  it.each([
    ['-1', 'negative'],
    ['-0', 'a signed zero'],
    ['00', 'zero with a leading zero'],
    ['01', 'a leading zero'],
    ['abc', 'not a number'],
    ['1.5', 'a decimal'],
    ['0x10', 'hexadecimal'],
    ['1e3', 'an exponent'],
    [' 1', 'a leading space'],
    ['', 'empty'],
    ['12345678901234567890', '20 digits'],
    ['9223372036854775808', '2^63'],
    [0, 'the number 0 rather than the text "0"'],
    [['0'], 'a repeated query parameter'],
  ])('refuses sinceId=%j (%s) with a sentence', (sinceId) => {
    const parsed = messagePageSchema.safeParse({ sinceId });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(/^sinceId must be a message id.*or 0 to read from the first message\.$/);
  });

  it('still refuses sinceId=0 together with beforeId', () => {
    const parsed = messagePageSchema.safeParse({ sinceId: '0', beforeId: '5' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe('Use sinceId or beforeId, not both.');
  });

  it('does not take 0 as a beforeId', () => {
    expect(messagePageSchema.safeParse({ beforeId: '0' }).success).toBe(false);
  });
});

describe('createAppConversationSchema kind', () => {
  it.each(['business_admin', 'admin_sitter'])('accepts %s', (kind) => {
    expect(createAppConversationSchema.safeParse({ kind }).success).toBe(true);
  });

  it.each([
    [{ kind: 'nope' }, /^kind must be "business_admin"/],
    [{ kind: 5 }, /^kind must be "business_admin"/],
    [{}, /^kind must be "business_admin"/],
    [{ kind: 'admin_va' }, /^kind must be "business_admin" \(a business writing to the Admin team\) or "admin_sitter" \(a sitter writing to the Admin team\)\.$/],
    [{ kind: 'business_admin', extra: 1 }, /^extra is not part of a new conversation\.$/],
    [['business_admin'], /^Send the new conversation as a JSON object/],
  ])('refuses %j with a sentence', (body, sentence) => {
    const parsed = createAppConversationSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(sentence);
  });
});

describe('createStaffConversationSchema', () => {
  it.each([
    [{ kind: 'admin_va', vaUserId: 4 }, { kind: 'admin_va', vaUserId: 4 }],
    [{ kind: 'business_va', vaUserId: '4', businessId: 2 }, { kind: 'business_va', vaUserId: 4, businessId: 2 }],
    [{ kind: 'admin_sitter', sitterUserId: '9' }, { kind: 'admin_sitter', sitterUserId: 9 }],
    [{ kind: 'client', clientId: 'k3v9x2q8w1m4n7b6c5z0p2r4' }, { kind: 'client', clientId: 'k3v9x2q8w1m4n7b6c5z0p2r4' }],
  ])('takes %j', (body, parsed) => {
    expect(createStaffConversationSchema.parse(body)).toEqual(parsed);
  });

  it.each([
    [{ kind: 'business_admin', vaUserId: 4 }, /^kind must be "admin_va", "business_va", "admin_sitter" or "client"\.$/],
    [{ vaUserId: 4 }, /^kind must be "admin_va", "business_va", "admin_sitter" or "client"\.$/],
    [{ kind: 'client' }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: 7 }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: '../x' }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: 'abc', vaUserId: 4 }, /^vaUserId is not part of a new conversation\.$/],
    [{ kind: 'admin_sitter' }, /^sitterUserId must be an id\.$/],
    [{ kind: 'admin_sitter', sitterUserId: 9, vaUserId: 4 }, /^vaUserId is not part of a new conversation\.$/],
    [{ kind: 'business_va', vaUserId: 4 }, /^businessId is required for a business_va conversation/],
  ])('refuses %j with a sentence', (body, sentence) => {
    const parsed = createStaffConversationSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(sentence);
  });
});
