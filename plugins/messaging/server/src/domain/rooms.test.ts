import { appAudienceRooms, handshakeRooms, threadAudienceOf, threadRoom } from './rooms';
import type { Viewer } from './viewer';

const staff: Viewer = { kind: 'staff', key: 'admin:1', adminId: 1, displayName: 'Ann', masqueradeBusinessIds: new Set() };
const business: Viewer = { kind: 'business', key: 'user:5', userId: 5, displayName: 'Acme Pets', businessId: 7 };
const unlinked: Viewer = { kind: 'business', key: 'user:9', userId: 9, displayName: 'Nobody', businessId: null };
const va: Viewer = { kind: 'va', key: 'user:20', userId: 20, displayName: 'Val' };

describe('handshakeRooms', () => {
  it.each([
    ['staff', staff, 's1', ['viewer:admin:1', 'session:s1', 'staff']],
    ['a business user', business, 's2', ['viewer:user:5', 'session:s2', 'business:7']],
    ['a business user with no business', unlinked, null, ['viewer:user:9']],
    ['a VA', va, null, ['viewer:user:20']],
  ] as const)('%s', (_, viewer, sessionId, rooms) => {
    expect(handshakeRooms(viewer, sessionId)).toEqual(rooms);
  });
});

describe('appAudienceRooms: where message:new goes besides staff', () => {
  const base = { businessId: 7, vaUserId: 20, businessVisible: false };
  it.each([
    ['business_admin', {}, ['business:7']],
    ['admin_va', {}, ['viewer:user:20']],
    ['business_va', {}, ['viewer:user:20']],
    ['business_va', { businessVisible: true }, ['business:7', 'viewer:user:20']],
    ['admin_sitter', { businessId: null, vaUserId: null, sitterUserId: 30 }, ['viewer:user:30']],
    ['client', { sitterUserId: 30 }, []],
  ] as const)('%s %j → %j', (kind, extra, rooms) => {
    const audiences = appAudienceRooms({ kind, ...base, ...extra });
    expect(audiences.map((a) => a.room)).toEqual(rooms);
    // Each room's payload is shaped for a nobody of that room: never "mine", never staff.
    for (const a of audiences) expect([a.viewer.kind === 'staff', a.viewer.key]).toEqual([false, '']);
    if (kind === 'admin_sitter') expect(audiences.map((a) => a.viewer.kind)).toEqual(['sitter']);
  });
});

describe('thread rooms', () => {
  it('keep staff and app users apart, so typing is shaped per audience', () => {
    expect([threadRoom(3, threadAudienceOf(staff)), threadRoom(3, threadAudienceOf(va))]).toEqual(['conversation:3:staff', 'conversation:3:app']);
  });
});
