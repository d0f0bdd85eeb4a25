import { containsPattern, grantIdSchema, grantInputSchema, masqueradeOffer, phoneDigits, staffRouteFor } from './staff-inbox';

describe('staffRouteFor', () => {
  it.each([
    ['business_admin', 'ADMIN_TO_BUSINESS'],
    ['admin_va', 'ADMIN_TO_VA_PRIVATE'],
    ['business_va', 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS'],
    ['admin_sitter', 'ADMIN_TO_SITTER_PRIVATE'],
    ['client', 'STAFF_TO_CLIENT'],
  ] as const)('%s → %s', (kind, route) => expect(staffRouteFor(kind)).toBe(route));
});

describe('masqueradeOffer', () => {
  const acme = { kind: 'business_va' as const, businessId: 7, businessName: 'Acme Pets' };
  const granted = { canMasquerade: true, grantedBusinessIds: new Set([7]), featureOn: true };

  it.each([
    ['a grant for that business', acme, granted, { offered: true, businessId: 7 }],
    ['no grant', acme, { ...granted, grantedBusinessIds: new Set<number>() }, { offered: false, reason: 'You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.' }],
    ['a grant for another business', acme, { ...granted, grantedBusinessIds: new Set([8]) }, { offered: false, reason: 'You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.' }],
    ['a grant but no masquerade permission', acme, { ...granted, canMasquerade: false }, { offered: false, reason: 'You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.' }],
    ['the feature flag off', acme, { ...granted, featureOn: false }, { offered: false, reason: 'Replying as a business is turned off for now.' }],
    ['an Admin↔VA thread', { ...acme, kind: 'admin_va' as const }, granted, { offered: false, reason: 'Replying as a business is only possible in a business thread with a VA.' }],
    ['a business thread without a business', { ...acme, businessId: null }, granted, { offered: false, reason: 'Replying as a business is only possible in a business thread with a VA.' }],
  ])('with %s', (_name, conversation, staff, expected) => expect(masqueradeOffer(conversation, staff)).toEqual(expected));
});

describe('grantInputSchema', () => {
  it('takes ids as strings or numbers', () => {
    expect(grantInputSchema.parse({ adminUserId: '3', businessId: 4 })).toEqual({ adminUserId: 3, businessId: 4 });
  });
  it.each([
    [{ adminUserId: '0', businessId: 1 }, 'adminUserId must be the id of an admin user.'],
    [{ adminUserId: 1, businessId: 'acme' }, 'businessId must be the id of a business.'],
    [{ adminUserId: 1 }, 'businessId must be the id of a business.'],
    [{ adminUserId: 1, businessId: 2, forever: true }, 'forever is not part of a masquerade grant.'],
  ])('refuses %j with a sentence', (input, message) => {
    const result = grantInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe(message);
  });
  it('refuses a grant id that is not a whole number', () => {
    expect(grantIdSchema.safeParse('1e3').success).toBe(false);
    expect(grantIdSchema.parse('12')).toBe(12);
  });
});

describe('staff search (issue 13 item 7)', () => {
  it.each([
    ['(415) 555-0161', '4155550161'],
    ['+1 415', '1415'],
    ['Casey', null],
    ['Room 12', null],
  ])('phoneDigits(%j) → %j', (text, digits) => expect(phoneDigits(text)).toBe(digits));

  it.each([
    ['overnight', '%overnight%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
  ])('containsPattern(%j) → %j: wildcards in the text match only themselves', (text, pattern) => expect(containsPattern(text)).toBe(pattern));
});
