import { conflictImpact, planConflictResolution, rangeWords, type PlanWindow, type ResolveAction } from './conflict-plan';

// Hours on one day (UTC) for readable tables; `now` is 12:00 unless a row says otherwise.
const h = (hour: number) => new Date(Date.UTC(2027, 0, 20, hour));
const w = (id: string, from: number, to: number, inert = false): PlanWindow => ({ id, startsAt: h(from), endsAt: h(to), inert });
const hours = (r: { startsAt: Date; endsAt: Date }) => [r.startsAt.getUTCHours(), r.endsAt.getUTCHours()];
const NOON = h(12);

function plan(thread: PlanWindow[], action: ResolveAction, now = NOON) {
  const result = planConflictResolution(thread, 'K', action, now);
  if (!result.ok) return result.refusal;
  const p = result.plan;
  return {
    kept: hours(p.kept),
    remove: p.remove,
    change: p.change.map((c) => [c.id, ...hours(c)]),
    insert: p.insert.map((i) => [i.from, ...hours(i)]),
    endsNow: p.endsNow,
  };
}

describe('planConflictResolution (half-open ranges, the kept window K)', () => {
  it.each<[string, PlanWindow[], ResolveAction, ReturnType<typeof plan>]>([
    // keep: the others go
    ['keep: a future window overlapping K is removed', [w('K', 14, 18, true), w('O', 15, 19)], 'keep', { kept: [14, 18], remove: ['O'], change: [], insert: [], endsNow: [] }],
    ['keep: every overlapping window goes, one not overlapping stays', [w('K', 14, 18, true), w('A', 13, 15), w('B', 17, 20), w('C', 18, 20, true)], 'keep', { kept: [14, 18], remove: ['A', 'B'], change: [], insert: [], endsNow: [] }],
    ['trim: an inert window that started is treated as not started (its longer part after stays)', [w('K', 12, 13), w('O', 11, 18, true)], 'trim', { kept: [12, 13], remove: [], change: [['O', 13, 18]], insert: [], endsNow: [] }],
    ['keep: two overlapping windows both go', [w('K', 14, 18, true), w('A', 13, 15), w('B', 17, 18)], 'keep', { kept: [14, 18], remove: ['A', 'B'], change: [], insert: [], endsNow: [] }],
    ['keep: a live active window ends now (to confirm), K goes live from its start', [w('K', 14, 18, true), w('O', 10, 16)], 'keep', { kept: [14, 18], remove: [], change: [['O', 10, 12]], insert: [], endsNow: ['O'] }],
    ['keep: an inert active window is removed (it never gave access)', [w('K', 10, 16), w('O', 11, 18, true)], 'keep', { kept: [10, 16], remove: ['O'], change: [], insert: [], endsNow: [] }],
    ['keep: an inert K that clashed before now goes live from now', [w('K', 9, 16, true), w('O', 10, 14)], 'keep', { kept: [12, 16], remove: [], change: [['O', 10, 12]], insert: [], endsNow: ['O'] }],
    // trim: the longer part outside K stays
    ['trim: the part before K', [w('K', 15, 18, true), w('O', 13, 16)], 'trim', { kept: [15, 18], remove: [], change: [['O', 13, 15]], insert: [], endsNow: [] }],
    ['trim: the part after K', [w('K', 14, 16, true), w('O', 15, 19)], 'trim', { kept: [14, 16], remove: [], change: [['O', 16, 19]], insert: [], endsNow: [] }],
    ['trim: O around K keeps its longer part', [w('K', 14, 15, true), w('O', 13, 18)], 'trim', { kept: [14, 15], remove: [], change: [['O', 15, 18]], insert: [], endsNow: [] }],
    ['trim: equal parts → the part before', [w('K', 15, 16, true), w('O', 14, 17)], 'trim', { kept: [15, 16], remove: [], change: [['O', 14, 15]], insert: [], endsNow: [] }],
    ['trim: nothing left → removed', [w('K', 13, 19, true), w('O', 14, 18)], 'trim', { kept: [13, 19], remove: ['O'], change: [], insert: [], endsNow: [] }],
    ['trim: a started live window keeps its start, ends where K starts', [w('K', 14, 18, true), w('O', 10, 20)], 'trim', { kept: [14, 18], remove: [], change: [['O', 10, 14]], insert: [], endsNow: [] }],
    // split: both parts
    ['split: O around K becomes its part before and a new part after', [w('K', 15, 16, true), w('O', 13, 19)], 'split', { kept: [15, 16], remove: [], change: [['O', 13, 15]], insert: [['O', 16, 19]], endsNow: [] }],
    ['split: an active O around K too (no confirmation: it stays active)', [w('K', 14, 16, true), w('O', 10, 20)], 'split', { kept: [14, 16], remove: [], change: [['O', 10, 14]], insert: [['O', 16, 20]], endsNow: [] }],
    ['split: only one side exists → that side', [w('K', 14, 18, true), w('O', 16, 20)], 'split', { kept: [14, 18], remove: [], change: [['O', 18, 20]], insert: [], endsNow: [] }],
    ['split: K covers O → removed', [w('K', 13, 19, true), w('O', 14, 18)], 'split', { kept: [13, 19], remove: ['O'], change: [], insert: [], endsNow: [] }],
    ['split: inert K that clashed before now: live from now, active O ends now and keeps its part after', [w('K', 10, 14, true), w('O', 9, 16)], 'split', { kept: [12, 14], remove: [], change: [['O', 9, 12]], insert: [['O', 14, 16]], endsNow: ['O'] }],
    // touching ranges never overlap
    ['a window touching the result is fine', [w('K', 14, 18, true), w('O', 13, 16), w('T', 12, 13)], 'trim', { kept: [14, 18], remove: [], change: [['O', 13, 14]], insert: [], endsNow: [] }],
    ['a third window the result would overlap → refused', [w('K', 15, 16, true), w('O', 13, 19), w('T', 17, 20, true)], 'split', 'still_overlaps'],
    // refusals
    ['K has ended', [w('K', 8, 11, true), w('O', 9, 13)], 'keep', 'kept_ended'],
    ['K overlaps nothing and is live', [w('K', 14, 16), w('O', 16, 18)], 'keep', 'no_conflict'],
    ['K overlaps nothing but is inert: it goes live', [w('K', 14, 16, true), w('O', 16, 18)], 'keep', { kept: [14, 16], remove: [], change: [], insert: [], endsNow: [] }],
    ['a past window that overlapped K before now: K goes live from now', [w('K', 9, 16, true), w('P', 8, 11)], 'keep', { kept: [12, 16], remove: [], change: [], insert: [], endsNow: [] }],
  ])('%s', (_name, thread, action, expected) => {
    expect(plan(thread, action)).toEqual(expected);
  });

  it('refuses a kept window that is not on the thread', () => {
    expect(planConflictResolution([w('O', 13, 14)], 'K', 'keep', NOON)).toEqual({ ok: false, refusal: 'kept_ended' });
  });
});

describe('conflict sentences', () => {
  const LA = 'America/Los_Angeles';
  it('names each window by its sitter and local range', () => {
    expect(rangeWords({ startsAt: new Date('2027-01-20T23:00:00Z'), endsAt: new Date('2027-01-21T02:00:00Z') }, LA)).toBe('Wed, Jan 20, 3:00 PM PST – 6:00 PM PST');
    expect(rangeWords({ startsAt: new Date('2027-01-20T23:00:00Z'), endsAt: new Date('2027-01-21T09:00:00Z') }, LA)).toBe('Wed, Jan 20, 3:00 PM PST – Thu, Jan 21, 1:00 AM PST');
  });

  it('says what happens to each window, then the kept one, then the question', () => {
    const at = (iso: string) => new Date(iso);
    const result = planConflictResolution(
      [
        { id: 'K', startsAt: at('2027-01-20T23:00:00Z'), endsAt: at('2027-01-21T01:00:00Z'), inert: true },
        { id: 'A', startsAt: at('2027-01-20T22:00:00Z'), endsAt: at('2027-01-21T02:00:00Z'), inert: false },
      ],
      'K',
      'split',
      at('2027-01-20T12:00:00Z'),
    );
    if (!result.ok) throw new Error(result.refusal);
    const windows = new Map([
      ['K', { sitter: 'Sam Sitter', startsAt: at('2027-01-20T23:00:00Z'), endsAt: at('2027-01-21T01:00:00Z') }],
      ['A', { sitter: 'Sky Sitter', startsAt: at('2027-01-20T22:00:00Z'), endsAt: at('2027-01-21T02:00:00Z') }],
    ]);
    expect(conflictImpact({ plan: result.plan, keep: windows.get('K')!, windows, client: 'Casey Morgan', zone: LA })).toEqual([
      "Sky Sitter's window Wed, Jan 20, 2:00 PM PST – 6:00 PM PST will be split into Wed, Jan 20, 2:00 PM PST – 3:00 PM PST and Wed, Jan 20, 5:00 PM PST – 6:00 PM PST.",
      "Sam Sitter's window will be live from Wed, Jan 20, 3:00 PM PST to Wed, Jan 20, 5:00 PM PST.",
      "Resolve the conflict on Casey Morgan's thread?",
    ]);
  });
});
