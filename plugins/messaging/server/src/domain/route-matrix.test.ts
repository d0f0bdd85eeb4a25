import { CONVERSATION_KINDS, ROUTE_TYPES, checkRoute, routesFor, type SenderRole } from './route-matrix';

const SENDERS: SenderRole[] = ['business', 'va', 'sitter', 'staff', 'client', 'automation', 'system'];

// DOMAIN.md "Route types", row by row: [routeType, sender, kinds, effective role].
const TABLE = [
  ['BUSINESS_TO_ADMIN', 'business', ['business_admin'], 'business'],
  ['ADMIN_TO_BUSINESS', 'staff', ['business_admin'], 'admin'],
  ['ADMIN_TO_VA_PRIVATE', 'staff', ['admin_va'], 'admin'],
  ['VA_TO_ADMIN', 'va', ['admin_va'], 'va'],
  ['ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', 'staff', ['business_va'], 'business'],
  ['VA_TO_BUSINESS', 'va', ['business_va'], 'va'],
  ['SITTER_TO_ADMIN', 'sitter', ['admin_sitter'], 'sitter'],
  ['ADMIN_TO_SITTER_PRIVATE', 'staff', ['admin_sitter'], 'admin'],
  ['CLIENT_INBOUND', 'client', ['client'], 'client'],
  ['SITTER_TO_CLIENT', 'sitter', ['client'], 'sitter'],
  ['STAFF_TO_CLIENT', 'staff', ['client'], 'admin'],
  ['AUTOMATION_TO_CLIENT', 'automation', ['client'], 'automation'],
  ['SYSTEM', 'system', [...CONVERSATION_KINDS], 'system'],
] as const;

describe('checkRoute', () => {
  const cases = ROUTE_TYPES.flatMap((routeType) =>
    SENDERS.flatMap((sender) => CONVERSATION_KINDS.map((kind) => [routeType, sender, kind] as const)),
  );

  it.each(cases)('%s from %s in %s follows the table', (routeType, sender, kind) => {
    const row = TABLE.find((r) => r[0] === routeType)!;
    const allowed = row[1] === sender && (row[2] as readonly string[]).includes(kind);
    const decision = checkRoute(sender, kind, routeType);
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(decision.effectiveRole).toBe(row[3]);
    else expect(decision.message).toMatch(/^[A-Z_]+ is for .+\.$/);
  });

  it('says what the sender may use instead', () => {
    const decision = checkRoute('va', 'admin_va', 'BUSINESS_TO_ADMIN');
    expect(decision).toEqual({
      allowed: false,
      message: 'BUSINESS_TO_ADMIN is for a business writing to the Admin team; a VA cannot send it. Use VA_TO_ADMIN here.',
    });
    expect(checkRoute('staff', 'admin_va', 'ADMIN_TO_BUSINESS')).toEqual({
      allowed: false,
      message: 'ADMIN_TO_BUSINESS is for the Admin team replying to a business and does not belong in a private Admin↔VA conversation. Use ADMIN_TO_VA_PRIVATE here.',
    });
  });

  it('lists the routes each sender has in each kind', () => {
    expect(routesFor('staff', 'business_va')).toEqual(['ADMIN_MASQUERADE_TO_VA_AS_BUSINESS']);
    expect(routesFor('business', 'admin_va')).toEqual([]);
    expect(routesFor('sitter', 'admin_sitter')).toEqual(['SITTER_TO_ADMIN']);
    expect(routesFor('staff', 'admin_sitter')).toEqual(['ADMIN_TO_SITTER_PRIVATE']);
    expect(routesFor('business', 'admin_sitter')).toEqual([]);
  });
});
