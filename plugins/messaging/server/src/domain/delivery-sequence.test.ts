import { GAP_GRACE_MS, ORIGIN_FORGET_MS, RESYNC_DELAY_MAX_MS, RESYNC_MARGIN_MS, RESYNC_SPREAD_MAX_MS, createSequenceCounter, createSequenceTracker, resyncCursor, resyncDelayMs, resyncSpreadMs } from './delivery-sequence';

describe('the delivery sequence (issue 25: message events a node never heard)', () => {
  const T0 = 1_000_000;
  let clock = T0;
  const now = () => clock;
  beforeEach(() => {
    clock = T0;
  });
  const stamp = (n: number, origin = 'b', startedAt = T0 + 10) => ({ origin, n, startedAt });

  it('counts each published event once, and says how far it has counted', () => {
    const counter = createSequenceCounter('a', 5);
    expect(counter.current()).toEqual({ origin: 'a', n: 0, startedAt: 5 });
    expect([counter.next().n, counter.next().n, counter.next().n]).toEqual([1, 2, 3]);
    expect(counter.current().n).toBe(3);
  });

  it('finds nothing when every event arrives, in order or not, within the grace', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    tracker.heard(stamp(1), T0 + 20);
    tracker.heard(stamp(3), T0 + 40);
    clock += GAP_GRACE_MS - 1;
    tracker.heard(stamp(2), T0 + 30);
    tracker.announced(stamp(3));
    clock += GAP_GRACE_MS * 5;
    expect(tracker.gaps()).toEqual([]);
  });

  it('reports a number missing past the grace once, resyncing from before the last event heard in order', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    tracker.heard(stamp(1), T0 + 20);
    tracker.heard(stamp(2), T0 + 30);
    // 3 and 4 never come (the listening connection was down); 5 does.
    tracker.heard(stamp(5), T0 + 60);
    clock += GAP_GRACE_MS - 1;
    expect(tracker.gaps()).toEqual([]);
    clock += 1;
    expect(tracker.gaps()).toEqual([{ origin: 'b', missed: 2, since: T0 + 30 - RESYNC_MARGIN_MS }]);
    // Given up on: the origin goes on from 5.
    clock += GAP_GRACE_MS * 3;
    expect(tracker.gaps()).toEqual([]);
    tracker.heard(stamp(6), T0 + 70);
    clock += GAP_GRACE_MS * 3;
    expect(tracker.gaps()).toEqual([]);
  });

  it('finds events missed at the end of a burst from the heartbeat, when nothing newer is published', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    tracker.heard(stamp(1), T0 + 20);
    tracker.announced(stamp(4));
    clock += GAP_GRACE_MS;
    expect(tracker.gaps()).toEqual([{ origin: 'b', missed: 3, since: T0 + 20 - RESYNC_MARGIN_MS }]);
  });

  it('expects a node that started after this one from its first event, and an older one from the first heard', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    // Started after this node began listening: 1 and 2 should have been heard.
    tracker.heard(stamp(3, 'young', T0 + 100), T0 + 200);
    // Running before this node listened: its first event heard is where this node's count begins.
    tracker.heard(stamp(500, 'old', T0 - 60_000), T0 + 200);
    tracker.announced(stamp(900, 'older', T0 - 60_000));
    clock += GAP_GRACE_MS;
    expect(tracker.gaps()).toEqual([{ origin: 'young', missed: 2, since: T0 + 100 - RESYNC_MARGIN_MS }]);
  });

  it('ignores an event heard twice or after it was given up on', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    tracker.heard(stamp(1), T0 + 20);
    tracker.heard(stamp(1), T0 + 20);
    tracker.heard(stamp(3), T0 + 40);
    clock += GAP_GRACE_MS;
    expect(tracker.gaps()).toHaveLength(1);
    tracker.heard(stamp(2), T0 + 30);
    clock += GAP_GRACE_MS;
    expect(tracker.gaps()).toEqual([]);
  });

  it('forgets an origin unheard for a long time (a node that stopped)', () => {
    const tracker = createSequenceTracker({ now, listeningSince: T0 });
    tracker.heard(stamp(1), T0 + 20);
    clock += ORIGIN_FORGET_MS + 1;
    expect(tracker.gaps()).toEqual([]);
    // Forgotten: a gap of its own would need it heard again.
    clock += GAP_GRACE_MS * 3;
    expect(tracker.gaps()).toEqual([]);
  });
});

describe("a client's resync after sync:needed", () => {
  it('is spread over 4 ms per socket the node holds, at most the max', () => {
    expect(resyncSpreadMs(1)).toBe(4);
    expect(resyncSpreadMs(750)).toBe(3_000);
    expect(resyncSpreadMs(1_000_000)).toBe(RESYNC_SPREAD_MAX_MS);
  });

  it('waits a random moment within the spread, never past the cap, and not at all for nonsense', () => {
    expect(resyncDelayMs(400, () => 0.5)).toBe(200);
    expect(resyncDelayMs(10 * RESYNC_DELAY_MAX_MS, () => 0.999)).toBeLessThan(RESYNC_DELAY_MAX_MS);
    for (const nonsense of [undefined, null, 'soon', -5, Number.NaN]) expect(resyncDelayMs(nonsense, () => 0.9)).toBe(0);
  });

  it('starts from the older of the newest message and sinceId; from the newest when sinceId is not an id; nowhere without messages', () => {
    expect(resyncCursor('500', '20')).toBe('20');
    expect(resyncCursor('20', '500')).toBe('20');
    expect(resyncCursor('500', 'not an id')).toBe('500');
    expect(resyncCursor('500', undefined)).toBe('500');
    expect(resyncCursor(undefined, '20')).toBeUndefined();
  });
});
