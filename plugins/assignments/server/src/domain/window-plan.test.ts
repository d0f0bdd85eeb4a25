import { assignConfirmation, assignImpact, conflictPairs, planBookingWindows, renderReassignment, standingSentence, syncBookingWindows, windowImpact } from './window-plan';

const LA = 'America/Los_Angeles';
const at = (iso: string) => new Date(iso);
const iso = (w: { startsAt: Date; endsAt: Date }) => [w.startsAt.toISOString(), w.endsAt.toISOString()];

describe('planBookingWindows (the windows a booking asks for)', () => {
  const weekly = {
    kind: 'weekly' as const,
    sitterId: 4,
    startsAt: at('2026-03-06T08:00:00Z'), // Fri Mar 6, 00:00 PST
    endsAt: at('2026-03-12T07:00:00Z'),
    timeZone: LA,
    recurrence: { daysOfWeek: ['FR' as const, 'MO' as const], startTime: '09:00', endTime: '11:00', until: '2026-03-09' },
    status: 'confirmed' as const,
  };
  const now = at('2026-03-01T00:00:00Z');

  it.each([
    ['no sitter, no windows', { ...weekly, sitterId: null }, []],
    ['weekly: one per listed day, local hours kept across spring forward', weekly, [
      ['2026-03-06T17:00:00.000Z', '2026-03-06T19:00:00.000Z'], // PST
      ['2026-03-09T16:00:00.000Z', '2026-03-09T18:00:00.000Z'], // PDT
    ]],
    ['weekly windows stay inside the booking', { ...weekly, startsAt: at('2026-03-06T18:00:00Z') }, [
      ['2026-03-06T18:00:00.000Z', '2026-03-06T19:00:00.000Z'],
      ['2026-03-09T16:00:00.000Z', '2026-03-09T18:00:00.000Z'],
    ]],
    ['one-time: one window', { ...weekly, kind: 'one_time' as const, recurrence: null, startsAt: at('2026-03-02T18:00:00Z'), endsAt: at('2026-03-02T20:00:00Z') }, [['2026-03-02T18:00:00.000Z', '2026-03-02T20:00:00.000Z']]],
    ['meet and greet: one window', { ...weekly, kind: 'meet_and_greet' as const, recurrence: null, startsAt: at('2026-03-02T18:00:00Z'), endsAt: at('2026-03-02T19:00:00Z') }, [['2026-03-02T18:00:00.000Z', '2026-03-02T19:00:00.000Z']]],
  ])('%s', (_, booking, expected) => {
    expect(planBookingWindows(booking, now).windows.map(iso)).toEqual(expected);
  });

  it('a cancelled or completed booking keeps only what began, ended now at the latest', () => {
    const during = at('2026-03-06T18:00:00Z');
    for (const status of ['cancelled', 'completed'] as const) {
      expect(planBookingWindows({ ...weekly, status }, during).windows.map(iso)).toEqual([['2026-03-06T17:00:00.000Z', '2026-03-06T18:00:00.000Z']]);
    }
  });

  it('says in words when a local time does not exist', () => {
    const { notes } = planBookingWindows({ ...weekly, recurrence: { daysOfWeek: ['SU'], startTime: '02:30', endTime: '05:00', until: '2026-03-08' } }, now);
    expect(notes).toEqual(['2:30 AM on Sun, Mar 8 does not exist (the clocks go forward); 3:00 AM is used instead.']);
  });
});

describe('syncBookingWindows (a booking write replaces what has not started)', () => {
  const now = at('2026-03-06T18:00:00Z');
  const active = { id: 'a', conversationId: '7', sitterId: 4, startsAt: at('2026-03-06T17:00:00Z'), endsAt: at('2026-03-06T19:00:00Z') };
  const past = { id: 'p', conversationId: '7', sitterId: 4, startsAt: at('2026-03-02T17:00:00Z'), endsAt: at('2026-03-02T19:00:00Z') };
  const future = { id: 'f', conversationId: '7', sitterId: 4, startsAt: at('2026-03-09T16:00:00Z'), endsAt: at('2026-03-09T18:00:00Z') };
  const stored = [past, active, future];

  it('same plan: the active window stays, future ones are replaced, past ones stay', () => {
    const sync = syncBookingWindows(stored, [active, future].map(({ startsAt, endsAt }) => ({ startsAt, endsAt })), { conversationId: '7', sitterId: 4 }, now, false);
    expect(sync).toEqual({ remove: ['f'], reEnd: [], insert: [{ startsAt: future.startsAt, endsAt: future.endsAt }] });
  });

  it('a later end stretches the active window', () => {
    const sync = syncBookingWindows(stored, [{ startsAt: active.startsAt, endsAt: at('2026-03-06T20:00:00Z') }], { conversationId: '7', sitterId: 4 }, now, false);
    expect(sync.reEnd).toEqual([{ id: 'a', endsAt: at('2026-03-06T20:00:00Z') }]);
  });

  it('a sitter change ends the active window now and starts the new ones from now', () => {
    const sync = syncBookingWindows(stored, [{ startsAt: active.startsAt, endsAt: active.endsAt }, { startsAt: future.startsAt, endsAt: future.endsAt }], { conversationId: '9', sitterId: 5 }, now, false);
    expect(sync.reEnd).toEqual([{ id: 'a', endsAt: now }]);
    expect(sync.remove).toEqual(['f']);
    expect(sync.insert).toEqual([{ startsAt: now, endsAt: active.endsAt }, { startsAt: future.startsAt, endsAt: future.endsAt }]);
  });

  it('cancelling: the active one ends now, future ones go, nothing new', () => {
    expect(syncBookingWindows(stored, [{ startsAt: active.startsAt, endsAt: now }], { conversationId: '7', sitterId: 4 }, now, false)).toEqual({ remove: ['f'], reEnd: [{ id: 'a', endsAt: now }], insert: [] });
  });

  it('a new booking stores every planned window, past ones included', () => {
    expect(syncBookingWindows([], [past, future], { conversationId: '7', sitterId: 4 }, now, true).insert).toHaveLength(2);
  });
});

describe('conflictPairs', () => {
  it('lists each overlapping pair once with the shared part; touching windows do not conflict', () => {
    const a = { id: 'a', startsAt: at('2026-03-06T00:00:00Z'), endsAt: at('2026-03-07T00:00:00Z') };
    const b = { id: 'b', startsAt: at('2026-03-07T00:00:00Z'), endsAt: at('2026-03-08T00:00:00Z') };
    const c = { id: 'c', startsAt: at('2026-03-06T12:00:00Z'), endsAt: at('2026-03-06T13:00:00Z') };
    const pairs = conflictPairs([b, c, a]);
    expect(pairs.map((p) => p.windows.map((w) => w.id))).toEqual([['a', 'c']]);
    expect(iso(pairs[0].overlap)).toEqual(['2026-03-06T12:00:00.000Z', '2026-03-06T13:00:00.000Z']);
  });
});

describe('sentences', () => {
  it.each([
    ['a next window', standingSentence('Casey', at('2026-01-20T23:00:00Z'), LA), 'You can message Casey again from Tue, Jan 20, 3:00 PM PST.'],
    ['no next window', standingSentence('Casey', null, LA), 'You have no upcoming window with Casey. Ask the owner to schedule one.'],
    [
      'the reassignment template',
      renderReassignment('Hi {{client.firstName}}, from now on {{sitter.firstName}} is your sitter. Keep texting this number.', { clientFirstName: 'Casey', sitterFirstName: 'Sky' }),
      'Hi Casey, from now on Sky is your sitter. Keep texting this number.',
    ],
    [
      'the assignment confirmation',
      assignConfirmation({ sitter: 'Sam Sitter', client: 'Casey Morgan', startsAt: at('2026-01-20T23:00:00Z'), endsAt: at('2026-01-21T01:00:00Z'), zone: LA }),
      'Sitter Sam Sitter assigned to Casey Morgan from Tue, Jan 20, 3:00 PM PST to Tue, Jan 20, 5:00 PM PST. Window created.',
    ],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('the assign preview (OPS §3.3)', () => {
    expect(
      assignImpact({
        sitter: 'Sam Sitter',
        client: 'Casey Morgan',
        startsAt: at('2026-01-20T23:00:00Z'),
        endsAt: at('2026-01-21T01:00:00Z'),
        zone: LA,
        windows: 1,
        number: { e164: '+14155550120', numberClass: 'sitter' },
        reassignment: 'Hi Casey, from now on Sam is your sitter. Keep texting this number.',
        notes: ['2:30 AM on Sun, Mar 8 does not exist (the clocks go forward); 3:00 AM is used instead.'],
      }),
    ).toEqual([
      'Assignment window will be created',
      "Number will be assigned (+1 (415) 555-0120, Sam Sitter's masked number)",
      'Reassignment message will be sent: "Hi Casey, from now on Sam is your sitter. Keep texting this number."',
      '2:30 AM on Sun, Mar 8 does not exist (the clocks go forward); 3:00 AM is used instead.',
      'Assign Sam Sitter to Casey Morgan from Tue, Jan 20, 3:00 PM PST to Tue, Jan 20, 5:00 PM PST?',
    ]);
  });

  it('deleting an active window says what happens', () => {
    expect(windowImpact({ action: 'delete', sitter: 'Sam Sitter', client: 'Casey Morgan', startsAt: at('2026-01-20T23:00:00Z'), endsAt: at('2026-01-21T01:00:00Z'), zone: LA, active: true })).toEqual([
      'Assignment window will be deleted: Sam Sitter with Casey Morgan from Tue, Jan 20, 3:00 PM PST to Tue, Jan 20, 5:00 PM PST.',
      "Sam Sitter will stop seeing Casey Morgan's conversation now.",
      'Delete assignment window? Messages will route to owner inbox during this period.',
    ]);
  });
});
