import { STAFF_READER_PATTERN, seenByStaffAudienceKinds, showsSeenByStaff } from './seen-by-staff';
import { staffKey } from './viewer';

describe('showsSeenByStaff: who is told the Admin team read their thread', () => {
  it.each([
    ['business_admin', 'business', true],
    ['business_admin', 'va', false],
    ['admin_va', 'va', true],
    ['admin_va', 'business', false],
    ['admin_sitter', 'sitter', true],
    ['admin_sitter', 'business', false],
    // staff speak as the business in business_va: a read mark there would give the masquerade away
    ['business_va', 'va', false],
    ['business_va', 'business', false],
    ['client', 'sitter', false],
    ['business_admin', 'staff', false],
  ] as const)('%s, seen by a %s → %s', (kind, viewerKind, shown) => {
    expect(showsSeenByStaff(kind, viewerKind)).toBe(shown);
  });

  it('tells the same audiences the socket reaches', () => {
    expect(seenByStaffAudienceKinds('business_admin')).toEqual(['business']);
    expect(seenByStaffAudienceKinds('business_va')).toEqual([]);
  });

  it('matches staff read marks only', () => {
    const like = new RegExp(`^${STAFF_READER_PATTERN.replace('%', '.*')}$`);
    expect(like.test(staffKey(12))).toBe(true);
    expect(like.test('user:12')).toBe(false);
  });
});
