import { adminDisplayName, auditRowFromInput, staffActor, toAuditEventView } from './audit-event';

describe('auditRowFromInput', () => {
  it('records a masquerade with the real actor and the effective role', () => {
    expect(
      auditRowFromInput({
        actor: { kind: 'admin', id: 7, displayName: 'Adam Admin', role: 'Messaging Admin' },
        effectiveRole: 'business',
        action: 'message.masquerade',
        conversationId: '12',
        messageId: '123456789',
        details: { forBusinessId: '3' },
      }),
    ).toEqual({
      actorId: 'admin:7',
      actorDisplayName: 'Adam Admin',
      actorRole: 'Messaging Admin',
      effectiveRole: 'business',
      action: 'message.masquerade',
      entityType: null,
      entityId: null,
      conversationId: '12',
      messageId: '123456789',
      details: { forBusinessId: '3' },
      archived: false,
    });
  });

  it.each([
    [{ kind: 'system' as const }, 'system', 'Switchboard', 'system'],
    [{ kind: 'automation' as const, id: 'welcome', displayName: 'Welcome text' }, 'automation:welcome', 'Welcome text', 'automation'],
    [{ kind: 'user' as const, id: 5, displayName: 'Acme Pets', role: 'business' }, 'user:5', 'Acme Pets', 'business'],
  ])('names the actor %j', (actor, id, displayName, role) => {
    const row = auditRowFromInput({ actor, action: 'profile.update' });
    expect([row.actorId, row.actorDisplayName, row.actorRole, row.effectiveRole]).toEqual([id, displayName, role, role]);
  });

  it.each(['Update', 'profile', 'profile..update', 'profile.update!'])('refuses the action name %s', (action) => {
    expect(() => auditRowFromInput({ actor: { kind: 'system' }, action })).toThrow();
  });
});

describe('toAuditEventView', () => {
  it('shapes a row as API.md AuditEvent', () => {
    const view = toAuditEventView({
      id: 4,
      createdAt: new Date('2026-11-22T10:00:00Z'),
      ...auditRowFromInput({ actor: { kind: 'system' }, action: 'number.quarantine', entity: { type: 'number', id: 9 } }),
    });
    expect(view).toEqual({
      id: '4',
      createdAt: '2026-11-22T10:00:00.000Z',
      action: 'number.quarantine',
      actor: { id: 'system', displayName: 'Switchboard', role: 'system' },
      effectiveRole: 'system',
      entity: { type: 'number', id: '9' },
      details: {},
      archived: false,
    });
  });
});

describe('adminDisplayName and staffActor', () => {
  it.each([
    [{ id: 1, firstname: 'Olivia', lastname: 'Owner', email: 'owner@demo.test' }, 'Olivia Owner'],
    [{ id: 2, firstname: 'Adam', lastname: null, email: 'admin@demo.test' }, 'Adam'],
    [{ id: 3, firstname: '', lastname: '', email: 'nobody@demo.test' }, 'nobody@demo.test'],
    [{ id: 4 }, 'Admin 4'],
  ])('%o is named %s', (admin, name) => expect(adminDisplayName(admin)).toBe(name));

  it('records staff as an admin actor with the staff role', () => {
    expect(staffActor({ id: 7, displayName: 'Adam Admin' })).toEqual({ kind: 'admin', id: 7, displayName: 'Adam Admin', role: 'staff' });
    expect(auditRowFromInput({ actor: staffActor({ id: 7, displayName: 'Adam Admin' }), action: 'number.buy' })).toMatchObject({ actorId: 'admin:7', actorRole: 'staff' });
  });
});
