import {
  assignedToLabel,
  canAssignToSitter,
  canQuarantine,
  canReleaseFromQuarantine,
  canReleaseToPool,
  cooldownDays,
  cooldownEnd,
  daysRemaining,
  displayNumber,
  frontDeskCandidates,
  healthOf,
  impactPreview,
  isLastFrontDesk,
  offeredActions,
  planReassignment,
  selectNumberForSitter,
  selectPoolNumber,
  threadNumberClass,
  type InventoryNumber,
} from './inventory';

let nextId = 1;
const num = (over: Partial<InventoryNumber> & Pick<InventoryNumber, 'e164' | 'numberClass'>): InventoryNumber => ({
  id: nextId++,
  status: 'active',
  sitterUserId: null,
  cooldownUntil: null,
  lastUsedAt: null,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('displayNumber', () => {
  it.each([
    ['+15551234567', '+1 (555) 123-4567'],
    ['+14155550100', '+1 (415) 555-0100'],
    ['+442071838750', '+44 20 7183 8750'],
  ])('%s → %s', (e164, shown) => expect(displayNumber(e164)).toBe(shown));
});

describe('healthOf (errors in the last 7 days)', () => {
  it.each([
    [0, 'healthy'],
    [1, 'warning'],
    [2, 'warning'],
    [3, 'critical'],
    [40, 'critical'],
  ])('%i errors → %s', (errors, health) => expect(healthOf(errors)).toBe(health));
});

describe('cooldown', () => {
  it('defaults to 90 days and refuses anything under 30', () => {
    expect(cooldownDays(undefined)).toEqual({ ok: true, days: 90 });
    expect(cooldownDays(30)).toEqual({ ok: true, days: 30 });
    expect(cooldownDays(120)).toEqual({ ok: true, days: 120 });
    for (const bad of [29, 0, -5, 45.5]) {
      expect(cooldownDays(bad)).toEqual({ ok: false, message: 'The cooldown is at least 30 days, so a quarantined number cannot reach a new client too soon.' });
    }
  });

  it('ends the chosen number of days later and counts remaining days up', () => {
    expect(cooldownEnd(at('2026-01-01T00:00:00Z'), 90).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(daysRemaining(at('2026-04-01T00:00:00Z'), at('2026-03-31T22:00:00Z'))).toBe(1);
    expect(daysRemaining(at('2026-04-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBe(90);
    expect(daysRemaining(at('2026-04-01T00:00:00Z'), at('2026-05-01T00:00:00Z'))).toBe(0);
    expect(daysRemaining(null, at('2026-05-01T00:00:00Z'))).toBe(0);
  });
});

describe('quarantine guardrails', () => {
  const frontDesk = num({ e164: '+14155550100', numberClass: 'front_desk' });
  const sitterNumber = num({ e164: '+14155550120', numberClass: 'sitter', sitterUserId: 7 });

  it('refuses the last active Front Desk number with the spec sentence and the next step', () => {
    expect(canQuarantine(frontDesk, [frontDesk, sitterNumber])).toEqual({
      ok: false,
      status: 409,
      message: 'Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.',
    });
  });

  it('allows a Front Desk number when another active one remains, but not when the other is quarantined', () => {
    const second = num({ e164: '+14155550101', numberClass: 'front_desk' });
    expect(canQuarantine(frontDesk, [frontDesk, second])).toEqual({ ok: true });
    const quarantined = { ...second, status: 'quarantined' as const };
    expect(canQuarantine(frontDesk, [frontDesk, quarantined]).ok).toBe(false);
  });

  it('allows a sitter number and refuses one already quarantined', () => {
    expect(canQuarantine(sitterNumber, [frontDesk, sitterNumber])).toEqual({ ok: true });
    expect(canQuarantine({ ...sitterNumber, status: 'quarantined' }, [frontDesk])).toEqual({ ok: false, status: 409, message: '+1 (415) 555-0120 is already quarantined.' });
  });
});

describe('quarantining the last Front Desk number with a replacement (OPS §3.1 "Assign replacement first")', () => {
  const frontDesk = num({ e164: '+14155550100', numberClass: 'front_desk' });
  const pool = num({ e164: '+14155550141', numberClass: 'pool' });
  const poolEarlier = num({ e164: '+14155550140', numberClass: 'pool' });
  const heldPool = num({ e164: '+14155550142', numberClass: 'pool', sitterUserId: 9 });
  const quarantinedPool = num({ e164: '+14155550143', numberClass: 'pool', status: 'quarantined' });
  const inactivePool = num({ e164: '+14155550144', numberClass: 'pool', status: 'inactive' });
  const sitterNumber = num({ e164: '+14155550120', numberClass: 'sitter', sitterUserId: 7 });
  const secondDesk = num({ e164: '+14155550101', numberClass: 'front_desk' });
  const all = [frontDesk, pool, poolEarlier, heldPool, quarantinedPool, inactivePool, sitterNumber];

  it('knows the last active Front Desk number, and offers the free active pool numbers in E.164 order', () => {
    expect(isLastFrontDesk(frontDesk, all)).toBe(true);
    expect(isLastFrontDesk(frontDesk, [...all, secondDesk])).toBe(false);
    expect(isLastFrontDesk(sitterNumber, all)).toBe(false);
    expect(frontDeskCandidates(all).map((n) => n.e164)).toEqual(['+14155550140', '+14155550141']);
  });

  it('allows it with an active pool number nobody holds', () => {
    expect(canQuarantine(frontDesk, all, pool.id)).toEqual({ ok: true });
  });

  it.each([
    ['a sitter number', sitterNumber, '+1 (415) 555-0120 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.'],
    ['a quarantined pool number', quarantinedPool, '+1 (415) 555-0143 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.'],
    ['an inactive pool number', inactivePool, '+1 (415) 555-0144 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.'],
    ['a pool number someone holds', heldPool, '+1 (415) 555-0142 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.'],
    ['the number itself', frontDesk, '+1 (415) 555-0100 cannot replace itself. Pick an active pool number as the new Front Desk number.'],
  ])('refuses %s as the replacement with a 400 sentence', (_, replacement, message) => {
    expect(canQuarantine(frontDesk, all, replacement.id)).toEqual({ ok: false, status: 400, message });
  });

  it('refuses a replacement that is not in the inventory, and a replacement for a number that is not Front Desk', () => {
    expect(canQuarantine(frontDesk, all, 999_999)).toEqual({
      ok: false,
      status: 400,
      message: 'That replacement number is not in the inventory. Pick an active pool number as the new Front Desk number.',
    });
    expect(canQuarantine(sitterNumber, all, pool.id)).toEqual({
      ok: false,
      status: 400,
      message: '+1 (415) 555-0120 is not a Front Desk number, so it needs no replacement. Quarantine it without one.',
    });
  });

  it('still refuses a number already quarantined, replacement or not', () => {
    expect(canQuarantine({ ...frontDesk, status: 'quarantined' }, all, pool.id)).toEqual({ ok: false, status: 409, message: '+1 (415) 555-0100 is already quarantined.' });
  });

  it('moves the threads to the replacement and names it in the preview', () => {
    const threads = [{ conversationId: '21', clientLabel: 'Dana' }];
    const preview = impactPreview('quarantine', frontDesk, threads, [...all, secondDesk], { cooldownDays: 90, replacement: pool });
    expect(preview.reassignments).toEqual([{ conversationId: '21', clientLabel: 'Dana', from: '+14155550100', to: '+14155550141' }]);
    expect(preview.confirmation).toBe(
      'Quarantine +1 (415) 555-0100? This will: make +1 (415) 555-0141 the Front Desk number; reassign 1 active thread to +1 (415) 555-0141. Number will be unavailable for 90 days.',
    );
  });
});

describe('release to pool', () => {
  it('refuses a Front Desk number with the spec sentence', () => {
    expect(canReleaseToPool(num({ e164: '+14155550100', numberClass: 'front_desk' }))).toEqual({ ok: false, status: 409, message: 'Cannot release Front Desk number to pool.' });
  });
  it('allows only a number assigned to a sitter', () => {
    expect(canReleaseToPool(num({ e164: '+14155550120', numberClass: 'sitter', sitterUserId: 3 }))).toEqual({ ok: true });
    expect(canReleaseToPool(num({ e164: '+14155550130', numberClass: 'pool' })).ok).toBe(false);
    expect(canReleaseToPool(num({ e164: '+14155550131', numberClass: 'sitter', sitterUserId: 3, status: 'quarantined' })).ok).toBe(false);
  });
});

describe('release from quarantine', () => {
  const q = num({ e164: '+14155550120', numberClass: 'sitter', status: 'quarantined', cooldownUntil: at('2027-03-03T12:00:00Z') });
  it('refuses before the cooldown ends, naming the date and the days left', () => {
    expect(canReleaseFromQuarantine(q, at('2027-02-01T12:00:00Z'))).toEqual({
      ok: false,
      status: 409,
      message: 'Number is in cooldown until March 3, 2027. 30 days remaining.',
    });
    expect(canReleaseFromQuarantine(q, at('2027-03-02T20:00:00Z'))).toMatchObject({ message: 'Number is in cooldown until March 3, 2027. 1 day remaining.' });
  });
  it('allows it once the cooldown has passed, and refuses a number not in quarantine', () => {
    expect(canReleaseFromQuarantine(q, at('2027-03-03T12:00:00Z'))).toEqual({ ok: true });
    expect(canReleaseFromQuarantine({ ...q, status: 'active' }, at('2027-04-01T00:00:00Z')).ok).toBe(false);
  });
});

describe('assign to a sitter', () => {
  const sam = { userId: 7, displayName: 'Sam Sitter', active: true };
  const free = num({ e164: '+14155550121', numberClass: 'sitter' });
  it('allows a free number for a sitter without one', () => {
    expect(canAssignToSitter(free, sam, [free], null)).toEqual({ ok: true });
  });
  it('names the sitter who already holds it', () => {
    const taken = { ...free, sitterUserId: 8 };
    expect(canAssignToSitter(taken, sam, [taken], 'Sky Sitter')).toEqual({ ok: false, status: 409, message: 'Number is already assigned to Sky Sitter. Release first?' });
  });
  it('refuses a sitter who already has an active number, a quarantined number, a Front Desk number and an inactive sitter', () => {
    const held = num({ e164: '+14155550122', numberClass: 'sitter', sitterUserId: 7 });
    expect(canAssignToSitter(free, sam, [free, held], null)).toMatchObject({ ok: false, message: 'Sam Sitter already has the active number +1 (415) 555-0122. Release it first.' });
    expect(canAssignToSitter({ ...free, status: 'quarantined', cooldownUntil: at('2027-03-03T00:00:00Z') }, sam, [], null)).toMatchObject({
      message: '+1 (415) 555-0121 is quarantined until March 3, 2027 and cannot be assigned.',
    });
    expect(canAssignToSitter(num({ e164: '+14155550100', numberClass: 'front_desk' }), sam, [], null).ok).toBe(false);
    expect(canAssignToSitter(free, { ...sam, active: false }, [free], null)).toMatchObject({ message: 'Sam Sitter is not an active sitter.' });
  });
});

describe('pool rotation', () => {
  const pool = () => [
    num({ e164: '+14155550142', numberClass: 'pool', lastUsedAt: at('2026-11-01T00:00:00Z') }),
    num({ e164: '+14155550141', numberClass: 'pool', lastUsedAt: at('2026-10-01T00:00:00Z') }),
    num({ e164: '+14155550144', numberClass: 'pool' }),
    num({ e164: '+14155550143', numberClass: 'pool' }),
    num({ e164: '+14155550140', numberClass: 'pool', status: 'quarantined' }),
    num({ e164: '+14155550100', numberClass: 'front_desk' }),
  ];

  it('prefers never-used numbers, ties by E.164, then the least recently used', () => {
    const numbers = pool();
    const picks: string[] = [];
    // Use each pick, as a booking would, and pick again: the order is a rotation.
    let clock = at('2026-11-10T00:00:00Z').getTime();
    for (let i = 0; i < 6; i++) {
      const pick = selectPoolNumber(numbers)!;
      picks.push(pick.e164);
      pick.lastUsedAt = new Date((clock += 1000));
    }
    expect(picks).toEqual(['+14155550143', '+14155550144', '+14155550141', '+14155550142', '+14155550143', '+14155550144']);
  });

  it('gives the same answer whatever order the inventory arrives in', () => {
    const numbers = pool();
    const expected = selectPoolNumber(numbers)!.e164;
    for (let i = 0; i < 20; i++) {
      const shuffled = [...numbers].sort(() => Math.random() - 0.5);
      expect(selectPoolNumber(shuffled)!.e164).toBe(expected);
    }
  });

  it('answers null when no pool number is available, and skips excluded ones', () => {
    expect(selectPoolNumber([num({ e164: '+14155550100', numberClass: 'front_desk' })])).toBeNull();
    const numbers = pool();
    const first = selectPoolNumber(numbers)!;
    expect(selectPoolNumber(numbers, [first.id])!.e164).toBe('+14155550144');
  });

  it('onboards a sitter with a free sitter-class number before taking one from the pool', () => {
    const numbers = [...pool(), num({ e164: '+14155550125', numberClass: 'sitter' }), num({ e164: '+14155550124', numberClass: 'sitter', sitterUserId: 9 })];
    expect(selectNumberForSitter(numbers)!.e164).toBe('+14155550125');
    expect(selectNumberForSitter(pool())!.e164).toBe('+14155550143');
  });
});

describe('thread number class', () => {
  it.each([
    [{ assignedSitterHasNumber: true, oneTimeBooking: false }, 'sitter'],
    [{ assignedSitterHasNumber: true, oneTimeBooking: true }, 'sitter'],
    [{ assignedSitterHasNumber: false, oneTimeBooking: true }, 'pool'],
    [{ assignedSitterHasNumber: false, oneTimeBooking: false }, 'front_desk'],
  ])('%o → %s', (thread, expected) => expect(threadNumberClass(thread)).toBe(expected));
});

describe('reassignment and impact preview', () => {
  const frontDesk = num({ e164: '+14155550100', numberClass: 'front_desk' });
  const sitterNumber = num({ e164: '+14155550120', numberClass: 'sitter', sitterUserId: 7 });
  const poolA = num({ e164: '+14155550140', numberClass: 'pool' });
  const poolB = num({ e164: '+14155550141', numberClass: 'pool' });
  const threads = [
    { conversationId: '11', clientLabel: 'Dana' },
    { conversationId: '12', clientLabel: 'Lee' },
  ];

  it('moves a sitter number’s threads to the Front Desk and a pool number’s to the next pool number', () => {
    expect(planReassignment(sitterNumber, threads, [frontDesk, sitterNumber, poolA])).toEqual([
      { conversationId: '11', clientLabel: 'Dana', from: '+14155550120', to: '+14155550100' },
      { conversationId: '12', clientLabel: 'Lee', from: '+14155550120', to: '+14155550100' },
    ]);
    expect(planReassignment(poolA, threads.slice(0, 1), [frontDesk, poolA, poolB])[0].to).toBe('+14155550141');
    expect(planReassignment(poolA, threads.slice(0, 1), [frontDesk, poolA])[0].to).toBe('+14155550100');
  });

  it('lists the threads and says what will happen, in the spec’s words', () => {
    const q = impactPreview('quarantine', sitterNumber, threads, [frontDesk, sitterNumber], { cooldownDays: 90 });
    expect(q.threads).toHaveLength(2);
    expect(q.confirmation).toBe(
      'Quarantine +1 (415) 555-0120? This will: reassign 2 active threads to +1 (415) 555-0100; end its sitter assignment. Number will be unavailable for 90 days.',
    );
    const r = impactPreview('release', sitterNumber, threads.slice(0, 1), [frontDesk, sitterNumber]);
    expect(r.confirmation).toBe('Release +1 (415) 555-0120 to pool? 1 active thread will be reassigned to pool numbers.');
    const a = impactPreview('assign', poolA, [], [frontDesk, poolA], { sitterName: 'Sam Sitter' });
    expect(a.confirmation).toBe('Assign +1 (415) 555-0140 to Sam Sitter? This will deactivate current assignment if exists.');
  });
});

describe('assigned-to label', () => {
  it('labels who a number is assigned to', () => {
    expect(assignedToLabel(num({ e164: '+14155550100', numberClass: 'front_desk' }), null)).toBe('Front Desk');
    expect(assignedToLabel(num({ e164: '+14155550120', numberClass: 'sitter', sitterUserId: 1 }), 'Sam Sitter')).toBe('Sam Sitter');
    expect(assignedToLabel(num({ e164: '+14155550140', numberClass: 'pool' }), null)).toBe('Pool');
    expect(assignedToLabel(num({ e164: '+14155550121', numberClass: 'sitter' }), null)).toBe('Unassigned');
  });
});

describe('offered actions', () => {
  it.each([
    [{ numberClass: 'front_desk', status: 'active', sitterUserId: null }, { assign: false, release: false, quarantine: true, releaseFromQuarantine: false }],
    [{ numberClass: 'pool', status: 'active', sitterUserId: null }, { assign: true, release: false, quarantine: true, releaseFromQuarantine: false }],
    [{ numberClass: 'sitter', status: 'active', sitterUserId: 7 }, { assign: false, release: true, quarantine: true, releaseFromQuarantine: false }],
    [{ numberClass: 'sitter', status: 'quarantined', sitterUserId: null }, { assign: false, release: false, quarantine: false, releaseFromQuarantine: true }],
    [{ numberClass: 'pool', status: 'inactive', sitterUserId: null }, { assign: false, release: false, quarantine: false, releaseFromQuarantine: false }],
  ] as const)('%o → %o', (number, actions) => expect(offeredActions(number)).toEqual(actions));
});
