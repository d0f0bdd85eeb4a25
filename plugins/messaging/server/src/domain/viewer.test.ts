import { appAudiences, canSeeConversation, conversationTitle, visibleKinds, type ConversationRecord, type Viewer } from './viewer';

const conversation = (kind: ConversationRecord['kind'], extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id: 1,
  kind,
  businessId: 7,
  businessName: 'Acme Pets',
  vaUserId: 20,
  vaName: 'Val',
  businessVisible: false,
  lastActivityAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const staff: Viewer = { kind: 'staff', key: 'admin:1', adminId: 1, displayName: 'Ann', masqueradeBusinessIds: new Set() };
const acme: Viewer = { kind: 'business', key: 'user:5', userId: 5, displayName: 'Acme Pets', businessId: 7 };
const otherBusiness: Viewer = { kind: 'business', key: 'user:6', userId: 6, displayName: 'New Paws', businessId: 8 };
const noBusiness: Viewer = { kind: 'business', key: 'user:9', userId: 9, displayName: 'Nobody', businessId: null };
const va: Viewer = { kind: 'va', key: 'user:20', userId: 20, displayName: 'Val' };
const otherVa: Viewer = { kind: 'va', key: 'user:21', userId: 21, displayName: 'Vic' };
const sitter: Viewer = { kind: 'sitter', key: 'user:30', userId: 30, displayName: 'Sam' };
const otherSitter: Viewer = { kind: 'sitter', key: 'user:31', userId: 31, displayName: 'Sky' };
// A VA whose user id is the sitter's: the check compares the kind as well as the id.
const vaWithSittersId: Viewer = { kind: 'va', key: 'user:30', userId: 30, displayName: 'Vee' };

describe('canSeeConversation (DOMAIN.md "Conversations")', () => {
  it.each([
    ['business_admin', {}, [staff, acme], [otherBusiness, noBusiness, va, otherVa, sitter]],
    ['admin_va', {}, [staff, va], [acme, otherBusiness, otherVa, sitter]],
    ['admin_va', { businessVisible: true }, [staff, va], [acme, otherBusiness, otherVa, sitter]],
    ['business_va', {}, [staff, va], [acme, otherBusiness, otherVa, sitter]],
    ['business_va', { businessVisible: true }, [staff, va, acme], [otherBusiness, otherVa, sitter]],
    ['admin_sitter', { businessId: null, vaUserId: null, sitterUserId: 30 }, [staff, sitter], [acme, otherBusiness, va, otherSitter, vaWithSittersId]],
    ['admin_sitter', { sitterUserId: 30, businessVisible: true }, [staff, sitter], [acme, otherBusiness, va, otherSitter]],
    ['client', { sitterUserId: 30 }, [staff], [acme, va, sitter]],
  ] as const)('%s %j: seen by exactly the listed viewers', (kind, extra, seeing, notSeeing) => {
    const c = conversation(kind, extra);
    for (const viewer of seeing) expect([viewer.key, canSeeConversation(viewer, c)]).toEqual([viewer.key, true]);
    for (const viewer of notSeeing) expect([viewer.key, canSeeConversation(viewer, c)]).toEqual([viewer.key, false]);
  });
});

describe('appAudiences: the socket rooms and the check read the same table', () => {
  it.each([
    ['business_admin', {}, [{ kind: 'business', businessId: 7 }]],
    ['business_admin', { businessId: null }, []],
    ['admin_va', {}, [{ kind: 'va', userId: 20 }]],
    ['business_va', {}, [{ kind: 'va', userId: 20 }]],
    ['business_va', { businessVisible: true }, [{ kind: 'business', businessId: 7 }, { kind: 'va', userId: 20 }]],
    ['admin_sitter', { sitterUserId: 30 }, [{ kind: 'sitter', userId: 30 }]],
    ['admin_sitter', { sitterUserId: null }, []],
    ['client', {}, []],
  ] as const)('%s %j → %j', (kind, extra, audiences) => {
    expect(appAudiences(conversation(kind, extra))).toEqual(audiences);
  });

  it('lists for SQL the kinds a business sees always, while shown, and a VA sees', () => {
    expect(visibleKinds).toEqual({ businessAlways: ['business_admin'], businessWhenShown: ['business_va'], va: ['admin_va', 'business_va'], sitter: ['admin_sitter'] });
  });
});

describe('conversationTitle: an admin_sitter thread', () => {
  it('reads as the sitter to staff and as the Admin team to the sitter', () => {
    const c = conversation('admin_sitter', { businessId: null, businessName: null, vaUserId: null, vaName: null, sitterUserId: 30, sitterName: 'Sam Sitter' });
    expect(conversationTitle(staff, c)).toBe('Sam Sitter');
    expect(conversationTitle(sitter, c)).toBe('Admin team');
  });
});

describe('conversationTitle: a client thread (issue 14 item 4)', () => {
  const client = (extra: Partial<ConversationRecord>) =>
    conversation('client', { businessId: null, businessName: null, vaUserId: null, vaName: null, clientPhone: '+14155550161', businessNumber: '+14155550120', ...extra });
  it.each([
    ['the client’s name, once the thread knows its client', { clientId: 'abc', clientName: 'Casey Morgan' }, 'Casey Morgan'],
    ['the phone, before it does', {}, '+14155550161'],
  ])('reads to staff as %s', (_what, extra, title) => {
    expect(conversationTitle(staff, client(extra))).toBe(title);
  });
  it('never shows a client’s name or phone to anyone else', () => {
    expect(conversationTitle(sitter, client({ clientName: 'Casey Morgan' }))).toBe('Client');
  });
});
