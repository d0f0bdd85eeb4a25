import { shapeMessage, type StoredMessage } from './message-view';
import { canSeeConversation, conversationTitle, type ConversationRecord, type Viewer } from './viewer';

const masquerade: StoredMessage = {
  id: '123',
  conversationId: 7,
  createdAt: '2026-11-22T10:00:00.000Z',
  routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS',
  state: 'sent',
  senderKey: 'admin:2',
  senderRole: 'staff',
  senderDisplayName: 'Adam Admin',
  effectiveRole: 'business',
  bodyHtml: '<p>hi</p>',
  bodyText: 'hi',
  idempotencyKey: 'k-1',
  visibleToBusiness: false,
  masqueradeActorKey: 'admin:2',
  masqueradeActorName: 'Adam Admin',
  masqueradeForBusinessId: 1,
  masqueradeForBusinessName: 'Acme Pets',
};

const actor: Viewer = { kind: 'staff', key: 'admin:2', adminId: 2, displayName: 'Adam Admin', masqueradeBusinessIds: new Set([1]) };
const otherStaff: Viewer = { kind: 'staff', key: 'admin:3', adminId: 3, displayName: 'Ada', masqueradeBusinessIds: new Set() };
const va: Viewer = { kind: 'va', key: 'user:5', userId: 5, displayName: 'Vera' };
const business: Viewer = { kind: 'business', key: 'user:1', userId: 1, displayName: 'Acme Pets', businessId: 1 };

describe('shapeMessage (API.md "Viewer shaping")', () => {
  it('shows the acting admin the whole truth, as theirs', () => {
    const view = shapeMessage(masquerade, actor);
    expect(view).toMatchObject({ mine: true, idempotencyKey: 'k-1', routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', sender: { displayName: 'Acme Pets', role: 'business' } });
    expect(view.masquerade).toEqual({ actor: { id: 'admin:2', displayName: 'Adam Admin' }, forBusiness: { id: '1', name: 'Acme Pets' } });
  });

  it('shows other staff the masquerade block but not the key', () => {
    const view = shapeMessage(masquerade, otherStaff);
    expect(view.mine).toBe(false);
    expect(view.idempotencyKey).toBeUndefined();
    expect(view.masquerade?.actor.displayName).toBe('Adam Admin');
  });

  it.each([['va', va], ['business', business]] as const)('shows a %s only the business, as BUSINESS_TO_VA', (_name, viewer) => {
    const view = shapeMessage(masquerade, viewer);
    expect(view).toEqual({
      id: '123',
      conversationId: '7',
      orderingKey: '123',
      createdAt: '2026-11-22T10:00:00.000Z',
      routeType: 'BUSINESS_TO_VA',
      state: 'sent',
      mine: false,
      sender: { displayName: 'Acme Pets', role: 'business' },
      bodyHtml: '<p>hi</p>',
      bodyText: 'hi',
    });
    expect(JSON.stringify(view)).not.toMatch(/masquerade|Adam|admin:2/i);
  });

  it('names an admin reply "Admin team" to the business, and the admin to staff', () => {
    const reply: StoredMessage = { ...masquerade, routeType: 'ADMIN_TO_BUSINESS', effectiveRole: 'admin', masqueradeActorKey: null, masqueradeActorName: null, masqueradeForBusinessId: null, masqueradeForBusinessName: null };
    expect(shapeMessage(reply, business).sender).toEqual({ displayName: 'Admin team', role: 'admin' });
    expect(shapeMessage(reply, otherStaff).sender).toEqual({ displayName: 'Adam Admin', role: 'admin' });
  });

  it('shows visibleToBusiness on admin notes to staff only', () => {
    const note: StoredMessage = { ...masquerade, routeType: 'ADMIN_TO_VA_PRIVATE', effectiveRole: 'admin', visibleToBusiness: true, masqueradeActorKey: null, masqueradeActorName: null, masqueradeForBusinessId: null, masqueradeForBusinessName: null };
    expect(shapeMessage(note, otherStaff).visibleToBusiness).toBe(true);
    expect(shapeMessage(note, va).visibleToBusiness).toBeUndefined();
  });
});

describe('canSeeConversation (DOMAIN.md "Conversations")', () => {
  const record = (kind: ConversationRecord['kind'], extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
    id: 1, kind, businessId: 1, businessName: 'Acme Pets', vaUserId: 5, vaName: 'Vera', businessVisible: false, lastActivityAt: new Date(0), ...extra,
  });
  const otherBusiness: Viewer = { ...business, key: 'user:9', userId: 9, businessId: 2 };
  const otherVa: Viewer = { ...va, key: 'user:6', userId: 6 };
  const sitter: Viewer = { kind: 'sitter', key: 'user:8', userId: 8, displayName: 'Sam' };

  it.each([
    ['business_admin', {}, [true, true, false, false, false, false]],
    ['admin_va', {}, [true, false, false, true, false, false]],
    ['business_va', {}, [true, false, false, true, false, false]],
    ['business_va', { businessVisible: true }, [true, true, false, true, false, false]],
    ['client', {}, [true, false, false, false, false, false]],
  ] as const)('%s %j: staff, its business, another business, its VA, another VA, a sitter', (kind, extra, expected) => {
    const c = record(kind, extra);
    expect([otherStaff, business, otherBusiness, va, otherVa, sitter].map((v) => canSeeConversation(v, c))).toEqual(expected);
  });

  it('titles a thread for each side', () => {
    expect(conversationTitle(business, record('business_admin'))).toBe('Admin team');
    expect(conversationTitle(otherStaff, record('business_admin'))).toBe('Acme Pets');
    expect(conversationTitle(va, record('business_va'))).toBe('Acme Pets');
    expect(conversationTitle(otherStaff, record('admin_va'))).toBe('Vera · about Acme Pets');
  });
});

describe('a message the policy port blocked (issue 18)', () => {
  const blocked: StoredMessage = {
    ...masquerade,
    routeType: 'SITTER_TO_CLIENT',
    state: 'blocked',
    senderKey: 'user:7',
    senderRole: 'sitter',
    senderDisplayName: 'Sam Sitter',
    effectiveRole: 'sitter',
    bodyHtml: '<p>Text me on 415 555 0188.</p>',
    bodyText: 'Text me on 415 555 0188.',
    masqueradeActorKey: null,
    masqueradeActorName: null,
    masqueradeForBusinessId: null,
    masqueradeForBusinessName: null,
    policyNotice: 'This message was not sent because it contains a phone number.',
    policyRedactedText: 'Text me on [phone number].',
  };
  const sam: Viewer = { kind: 'sitter', key: 'user:7', userId: 7, displayName: 'Sam Sitter' };
  const sky: Viewer = { kind: 'sitter', key: 'user:8', userId: 8, displayName: 'Sky Sitter' };

  it.each<[string, Viewer, string, string | undefined]>([
    ['its sender reads their own words and the notice', sam, 'Text me on 415 555 0188.', 'This message was not sent because it contains a phone number.'],
    ['staff read it redacted, with the notice', actor, 'Text me on [phone number].', 'This message was not sent because it contains a phone number.'],
    ['another sitter reads it redacted, without the notice', sky, 'Text me on [phone number].', undefined],
  ])('%s', (_name, viewer, text, notice) => {
    const view = shapeMessage(blocked, viewer, viewer.kind === 'sitter' ? 'Casey' : undefined);
    expect([view.state, view.bodyText, view.notice]).toEqual(['blocked', text, notice]);
    if (text.includes('[phone number]')) expect(view.bodyHtml).not.toContain('0188');
  });
});

describe('a client message the policy port held from its sitter (issue 18)', () => {
  const held: StoredMessage = {
    ...masquerade,
    routeType: 'CLIENT_INBOUND',
    state: 'held',
    senderKey: 'client:+14155550162',
    senderRole: 'client',
    senderDisplayName: 'Casey Morgan',
    effectiveRole: 'client',
    bodyHtml: '<p>Text me at casey@example.com</p>',
    bodyText: 'Text me at casey@example.com',
    masqueradeActorKey: null,
    masqueradeActorName: null,
    masqueradeForBusinessId: null,
    masqueradeForBusinessName: null,
    routedSitterId: 7,
    policyNotice: 'This message was held for review because it contains an email address.',
    policyRedactedText: 'Text me at [email address]',
  };
  const sam: Viewer = { kind: 'sitter', key: 'user:7', userId: 7, displayName: 'Sam Sitter' };

  it('reaches the sitter as a placeholder: held, without its words or the notice', () => {
    const view = shapeMessage(held, sam, 'Casey · Weekly visits');
    expect([view.state, view.bodyText, view.bodyHtml, view.notice, view.sender.displayName]).toEqual(['held', '', '', undefined, 'Casey · Weekly visits']);
  });

  it('staff read it redacted, with the notice', () => {
    const view = shapeMessage(held, actor);
    expect([view.state, view.bodyText, view.notice]).toEqual(['held', 'Text me at [email address]', held.policyNotice]);
    expect(view.bodyHtml).not.toContain('casey@');
  });

  it('once released (received, no policy fields) the sitter reads it whole', () => {
    const view = shapeMessage({ ...held, state: 'received', policyNotice: null, policyRedactedText: null }, sam, 'Casey · Weekly visits');
    expect(view.bodyText).toBe('Text me at casey@example.com');
  });
});
