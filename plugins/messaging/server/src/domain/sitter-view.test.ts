import { shapeMessage, type StoredMessage } from './message-view';
import type { SitterStanding, SitterThreadAccess } from './sitter-access';
import { answerStanding, mergePeriods, sitterClientParts, sitterMaySee } from './sitter-view';
import type { Viewer } from './viewer';

const PHONE = '+14155550177';
const BUSINESS_NUMBER = '+14155550120';

const access: SitterThreadAccess = {
  conversationId: 9,
  sitterUserId: 4,
  clientDisplayName: 'Casey · Weekly visits',
  clientFirstName: 'Casey',
  window: { id: 'w-1', startsAt: new Date('2026-12-02T08:00:00Z'), endsAt: new Date('2026-12-02T10:00:00Z') },
};
const sam: Viewer = { kind: 'sitter', key: 'user:4', userId: 4, displayName: 'Sam Sitter' };

const stored = (over: Partial<StoredMessage>): StoredMessage => ({
  id: '100',
  conversationId: 9,
  createdAt: '2026-12-02T08:30:00.000Z',
  routeType: 'CLIENT_INBOUND',
  state: 'received',
  senderKey: `client:${PHONE}`,
  senderRole: 'client',
  senderDisplayName: PHONE,
  effectiveRole: 'client',
  bodyHtml: '<p>Is Sam coming?</p>',
  bodyText: 'Is Sam coming?',
  idempotencyKey: 'sms:SM123',
  visibleToBusiness: false,
  masqueradeActorKey: null,
  masqueradeActorName: null,
  masqueradeForBusinessId: null,
  masqueradeForBusinessName: null,
  ...over,
});

// Every phone number's digits, written in any of the ways a payload could carry them.
const leaksAPhone = (payload: unknown) => {
  const text = JSON.stringify(payload);
  return [PHONE, BUSINESS_NUMBER].some((n) => text.includes(n) || text.includes(n.slice(2)) || text.includes(n.slice(5)));
};

describe("a sitter's view of a client thread (API.md \"Sitters in the app\")", () => {
  it.each<[string, string, Partial<StoredMessage>]>([
    ['the client (an unnamed one is stored under their number)', 'Casey · Weekly visits', {}],
    ['the client, named', 'Casey · Weekly visits', { senderDisplayName: 'Casey Nguyen' }],
    ['staff', 'Admin team', { routeType: 'STAFF_TO_CLIENT', senderKey: 'admin:2', senderRole: 'staff', senderDisplayName: 'Olivia Owner', effectiveRole: 'admin', idempotencyKey: 'k' }],
    ['an automation', 'Switchboard', { routeType: 'AUTOMATION_TO_CLIENT', senderKey: 'automation', senderRole: 'automation', senderDisplayName: 'Reassignment', effectiveRole: 'automation', idempotencyKey: null }],
    ['another sitter', 'Sky Sitter', { routeType: 'SITTER_TO_CLIENT', senderKey: 'user:8', senderRole: 'sitter', senderDisplayName: 'Sky Sitter', effectiveRole: 'sitter', idempotencyKey: 'k' }],
    ['the sitter themselves', 'Sam Sitter', { routeType: 'SITTER_TO_CLIENT', senderKey: 'user:4', senderRole: 'sitter', senderDisplayName: 'Sam Sitter', effectiveRole: 'sitter', idempotencyKey: 'k' }],
  ])('%s reads as %s, with no phone number anywhere', (_who, name, over) => {
    const view = shapeMessage(stored(over), sam, access.clientDisplayName);
    expect(view.sender.displayName).toBe(name);
    expect(leaksAPhone(view)).toBe(false);
  });

  it('keeps the idempotency key only on the sitter’s own message', () => {
    expect(shapeMessage(stored({}), sam, access.clientDisplayName).idempotencyKey).toBeUndefined();
    const own = stored({ routeType: 'SITTER_TO_CLIENT', senderKey: 'user:4', senderRole: 'sitter', senderDisplayName: 'Sam Sitter', effectiveRole: 'sitter', idempotencyKey: 'k-9' });
    expect(shapeMessage(own, sam, access.clientDisplayName)).toMatchObject({ mine: true, idempotencyKey: 'k-9' });
  });

  it('the conversation parts are the label and the active window, nothing of the numbers', () => {
    const parts = sitterClientParts(access);
    expect(parts).toEqual({
      client: { displayName: 'Casey · Weekly visits' },
      assignment: { window: { id: 'w-1', startsAt: '2026-12-02T08:00:00.000Z', endsAt: '2026-12-02T10:00:00.000Z' } },
    });
    expect(leaksAPhone(parts)).toBe(false);
  });

  it('leaves staff-only SYSTEM notes out, and a client SMS routed to anyone else (issue 17)', () => {
    expect(sitterMaySee({ routeType: 'SYSTEM' }, 5)).toBe(false);
    for (const routeType of ['STAFF_TO_CLIENT', 'SITTER_TO_CLIENT', 'AUTOMATION_TO_CLIENT']) expect(sitterMaySee({ routeType }, 5)).toBe(true);
    expect(sitterMaySee({ routeType: 'CLIENT_INBOUND', routedSitterId: 5 }, 5)).toBe(true);
    expect(sitterMaySee({ routeType: 'CLIENT_INBOUND', routedSitterId: 6 }, 5)).toBe(false);
    expect(sitterMaySee({ routeType: 'CLIENT_INBOUND', routedSitterId: null }, 5)).toBe(false);
  });
});

describe('mergePeriods (a sitter’s windows and overrides as few ranges)', () => {
  const at = (h: number) => new Date(Date.UTC(2027, 0, 19, h));
  it.each([
    ['none', [], []],
    ['touching days become one', [{ startsAt: at(0), endsAt: at(24) }, { startsAt: at(24), endsAt: at(48) }], [{ startsAt: at(0), endsAt: at(48) }]],
    ['a gap stays', [{ startsAt: at(9), endsAt: at(11) }, { startsAt: at(15), endsAt: at(18) }], [{ startsAt: at(9), endsAt: at(11) }, { startsAt: at(15), endsAt: at(18) }]],
    ['out of order and nested', [{ startsAt: at(15), endsAt: at(18) }, { startsAt: at(9), endsAt: at(20) }], [{ startsAt: at(9), endsAt: at(20) }]],
    ['an open end swallows what follows', [{ startsAt: at(9), endsAt: null }, { startsAt: at(12), endsAt: at(30) }], [{ startsAt: at(9), endsAt: null }]],
    ['an open end after a range extends it', [{ startsAt: at(9), endsAt: at(11) }, { startsAt: at(10), endsAt: null }], [{ startsAt: at(9), endsAt: null }]],
  ])('%s', (_name, periods, merged) => {
    expect(mergePeriods(periods as Array<{ startsAt: Date; endsAt: Date | null }>)).toEqual(merged);
  });
});

describe('a sitter’s standing on a client thread → the answer (API.md "Sitters in the app")', () => {
  const next = { id: 'w-2', startsAt: new Date('2026-12-03T08:00:00Z'), endsAt: new Date('2026-12-03T10:00:00Z') };
  const later = (nextWindow: typeof next | null): SitterStanding => ({
    kind: 'later',
    clientFirstName: 'Casey',
    message: nextWindow ? 'You can message Casey again from Thu, Dec 3, 12:00 AM PST.' : 'You have no upcoming window with Casey. Ask the owner to schedule one.',
    nextWindow,
  });

  it.each<[string, SitterStanding, 'read' | 'send', unknown]>([
    ['active, read', { kind: 'active', access }, 'read', { allowed: true, access }],
    ['active, send', { kind: 'active', access }, 'send', { allowed: true, access }],
    ['later, read: as if the thread did not exist', later(next), 'read', { allowed: false, status: 404 }],
    [
      'later, send: 403 naming the next window',
      later(next),
      'send',
      {
        allowed: false,
        status: 403,
        message: 'You can message Casey again from Thu, Dec 3, 12:00 AM PST.',
        details: { nextWindow: { id: 'w-2', startsAt: '2026-12-03T08:00:00.000Z', endsAt: '2026-12-03T10:00:00.000Z' } },
      },
    ],
    [
      'later with no next window, send: 403, nextWindow null',
      later(null),
      'send',
      { allowed: false, status: 403, message: 'You have no upcoming window with Casey. Ask the owner to schedule one.', details: { nextWindow: null } },
    ],
    ['none, read', { kind: 'none' }, 'read', { allowed: false, status: 404 }],
    ['none, send', { kind: 'none' }, 'send', { allowed: false, status: 404 }],
  ])('%s', (_case, standing, purpose, answer) => {
    expect(answerStanding(standing, purpose)).toEqual(answer);
  });
});
