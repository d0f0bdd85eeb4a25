import {
  MAX_TIMESTAMP_OFFSET_MS,
  SNOWFLAKE_EPOCH_MS,
  compareIds,
  createSnowflakeGenerator,
  isValidMessageId,
  lowestIdAt,
  nodeIdFromString,
  olderId,
  parseSnowflake,
} from './snowflake';

const T0 = Date.UTC(2025, 5, 15, 12, 0, 0); // an arbitrary instant after the epoch
const MAX_ID = '9223372036854775807'; // 2^63 - 1

/** Asserts every id is valid and strictly greater (numerically) than the one before it. */
const expectStrictlyIncreasing = (ids: readonly string[]) => {
  for (let i = 0; i < ids.length; i += 1) {
    if (!isValidMessageId(ids[i])) throw new Error(`id #${i} is not a valid message id: ${ids[i]}`);
    if (i > 0 && !(BigInt(ids[i]) > BigInt(ids[i - 1]))) {
      throw new Error(`id #${i} (${ids[i]}) is not greater than id #${i - 1} (${ids[i - 1]})`);
    }
  }
};

describe('SNOWFLAKE_EPOCH_MS', () => {
  it('is 2025-01-01T00:00:00Z', () => {
    expect(new Date(SNOWFLAKE_EPOCH_MS).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('createSnowflakeGenerator', () => {
  it('yields strictly increasing ids over 100,000 calls with a frozen clock, borrowing milliseconds past 4,096', () => {
    const gen = createSnowflakeGenerator({ nodeId: 42, now: () => T0 });
    const ids = Array.from({ length: 100_000 }, () => gen.next());

    expectStrictlyIncreasing(ids);
    expect(new Set(ids).size).toBe(100_000);
    expect(parseSnowflake(ids[0])).toEqual({ timestampMs: T0, nodeId: 42, sequence: 0 });
    expect(parseSnowflake(ids[4095])).toEqual({ timestampMs: T0, nodeId: 42, sequence: 4095 });
    // The 4,097th id in the same millisecond moves on to the next one instead of waiting.
    expect(parseSnowflake(ids[4096])).toEqual({ timestampMs: T0 + 1, nodeId: 42, sequence: 0 });
    expect(parseSnowflake(ids[99_999])).toEqual({ timestampMs: T0 + Math.floor(99_999 / 4096), nodeId: 42, sequence: 99_999 % 4096 });
  });

  it('keeps ids increasing when the clock steps back by 5 seconds, then follows the clock again', () => {
    const times = [T0, T0 + 1, T0 + 1 - 5000, T0 - 4000, T0 - 4999, T0 + 1, T0 + 2];
    let i = 0;
    const gen = createSnowflakeGenerator({ nodeId: 7, now: () => times[i++] });
    const ids = times.map(() => gen.next());

    expectStrictlyIncreasing(ids);
    expect(ids.map((id) => parseSnowflake(id))).toEqual([
      { timestampMs: T0, nodeId: 7, sequence: 0 },
      { timestampMs: T0 + 1, nodeId: 7, sequence: 0 },
      { timestampMs: T0 + 1, nodeId: 7, sequence: 1 }, // clock went back: keep the last timestamp
      { timestampMs: T0 + 1, nodeId: 7, sequence: 2 },
      { timestampMs: T0 + 1, nodeId: 7, sequence: 3 },
      { timestampMs: T0 + 1, nodeId: 7, sequence: 4 },
      { timestampMs: T0 + 2, nodeId: 7, sequence: 0 }, // real time caught up
    ]);
  });

  it('stays increasing when a step back happens while the sequence is exhausted', () => {
    let t = T0;
    const gen = createSnowflakeGenerator({ nodeId: 1, now: () => t });
    const ids: string[] = [];
    for (let n = 0; n < 5000; n += 1) ids.push(gen.next());
    t = T0 - 5000;
    for (let n = 0; n < 5000; n += 1) ids.push(gen.next());
    expectStrictlyIncreasing(ids);
    expect(parseSnowflake(ids[ids.length - 1]).timestampMs).toBe(T0 + 2);
  });

  it('never collides across two node ids sharing the same clock (10,000 ids each)', () => {
    let calls = 0;
    const now = () => T0 + Math.floor(calls++ / 6); // both generators see the same millisecond several times
    const a = createSnowflakeGenerator({ nodeId: 1, now });
    const b = createSnowflakeGenerator({ nodeId: 2, now });
    const idsA: string[] = [];
    const idsB: string[] = [];
    for (let n = 0; n < 10_000; n += 1) {
      idsA.push(a.next());
      idsB.push(b.next());
    }

    expect(new Set([...idsA, ...idsB]).size).toBe(20_000);
    expectStrictlyIncreasing(idsA);
    expectStrictlyIncreasing(idsB);
    expect(idsA.every((id) => parseSnowflake(id).nodeId === 1)).toBe(true);
    expect(idsB.every((id) => parseSnowflake(id).nodeId === 2)).toBe(true);
    // Same timestamp and sequence, told apart only by the node bits.
    expect(parseSnowflake(idsA[0])).toEqual({ ...parseSnowflake(idsB[0]), nodeId: 1 });
  });

  it.each([[-1], [1024], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['5'], [undefined]])('rejects nodeId %p', (nodeId) => {
    expect(() => createSnowflakeGenerator({ nodeId: nodeId as number, now: () => T0 })).toThrow(/nodeId must be an integer between 0 and 1023/);
  });

  it.each([[0], [1023]])('accepts the boundary nodeId %p', (nodeId) => {
    expect(parseSnowflake(createSnowflakeGenerator({ nodeId, now: () => T0 }).next()).nodeId).toBe(nodeId);
  });

  it('never produces 0 or a negative id, even with a clock before the epoch', () => {
    let t = SNOWFLAKE_EPOCH_MS - 1000;
    const gen = createSnowflakeGenerator({ nodeId: 0, now: () => t });
    const ids = [gen.next(), gen.next()];
    t = SNOWFLAKE_EPOCH_MS;
    ids.push(gen.next());
    t = SNOWFLAKE_EPOCH_MS + 1;
    ids.push(gen.next());

    expect(ids.slice(0, 3)).toEqual(['1', '2', '3']);
    expectStrictlyIncreasing(ids);
    expect(parseSnowflake(ids[3])).toEqual({ timestampMs: SNOWFLAKE_EPOCH_MS + 1, nodeId: 0, sequence: 0 });
  });

  it('reaches exactly 2^63 - 1 at the end of the 41-bit range and then throws instead of overflowing', () => {
    const gen = createSnowflakeGenerator({ nodeId: 1023, now: () => SNOWFLAKE_EPOCH_MS + MAX_TIMESTAMP_OFFSET_MS });
    let last = '';
    for (let n = 0; n < 4096; n += 1) last = gen.next();
    expect(last).toBe(MAX_ID);
    expect(() => gen.next()).toThrow(/41-bit/);
  });

  it('throws for a clock beyond the 41-bit range or a non-finite clock', () => {
    expect(() => createSnowflakeGenerator({ nodeId: 0, now: () => SNOWFLAKE_EPOCH_MS + 2 ** 41 }).next()).toThrow(/41-bit/);
    expect(() => createSnowflakeGenerator({ nodeId: 0, now: () => Number.NaN }).next()).toThrow(/non-finite/);
  });
});

describe('parseSnowflake', () => {
  it('round-trips timestamp, node and sequence from the generator', () => {
    const gen = createSnowflakeGenerator({ nodeId: 777, now: () => T0 + 0.9 });
    expect(parseSnowflake(gen.next())).toEqual({ timestampMs: T0, nodeId: 777, sequence: 0 });
    expect(parseSnowflake(gen.next())).toEqual({ timestampMs: T0, nodeId: 777, sequence: 1 });
  });

  it.each([
    [((5n << 22n) | (3n << 12n) | 7n).toString(), { timestampMs: SNOWFLAKE_EPOCH_MS + 5, nodeId: 3, sequence: 7 }],
    ['1', { timestampMs: SNOWFLAKE_EPOCH_MS, nodeId: 0, sequence: 1 }],
    ['4096', { timestampMs: SNOWFLAKE_EPOCH_MS, nodeId: 1, sequence: 0 }],
    ['4194304', { timestampMs: SNOWFLAKE_EPOCH_MS + 1, nodeId: 0, sequence: 0 }],
    [MAX_ID, { timestampMs: SNOWFLAKE_EPOCH_MS + 2 ** 41 - 1, nodeId: 1023, sequence: 4095 }],
  ])('decodes %s', (id, decoded) => {
    expect(parseSnowflake(id)).toEqual(decoded);
  });

  it.each([['0'], ['-1'], ['9223372036854775808'], ['abc']])('rejects %p', (id) => {
    expect(() => parseSnowflake(id)).toThrow(/Not a valid snowflake id/);
  });
});

describe('isValidMessageId (API.md "Validation limits")', () => {
  it.each([['1'], ['123456789012345678'], [MAX_ID], ['1000000000000000000']])('accepts %p', (value) => {
    expect(isValidMessageId(value)).toBe(true);
  });

  it.each([
    ['0'],
    ['-1'],
    ['+1'],
    ['0x1f'],
    ['1.5'],
    ['1e3'],
    [' 12'],
    ['12 '],
    ['12\n'],
    [''],
    ['9223372036854775808'], // 2^63
    ['9999999999999999999'], // 19 digits, above 2^63
    ['12345678901234567890'], // 20 digits
    ['007'],
    ['00'],
    ['１２'], // full-width digits
    [12],
    [12n],
    [null],
    [undefined],
    [{}],
  ])('rejects %p', (value) => {
    expect(isValidMessageId(value)).toBe(false);
  });
});

describe('compareIds', () => {
  it.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['42', '42', 0],
    ['9', '10', -1], // lexicographic order would say otherwise
    ['100', '99', 1],
    ['999999999999999999', '1000000000000000000', -1], // 18 vs 19 digits
    ['9223372036854775806', MAX_ID, -1], // equal as doubles: a Number comparison would return 0
    [MAX_ID, '9223372036854775806', 1],
    [MAX_ID, MAX_ID, 0],
    ['9223372036854775000', '9223372036854774999', 1],
    ['0', '1', -1],
  ])('compareIds(%s, %s) has the sign of %d', (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });

  it('sorts numerically as an Array#sort comparator', () => {
    expect(['10', MAX_ID, '9', '1', '9223372036854775806', '100'].sort(compareIds)).toEqual([
      '1',
      '9',
      '10',
      '100',
      '9223372036854775806',
      MAX_ID,
    ]);
  });

  it.each([['abc'], ['007'], [''], ['-1'], ['local:x']])('throws on the non-decimal %p', (bad) => {
    expect(() => compareIds(bad, '1')).toThrow(TypeError);
    expect(() => compareIds('1', bad)).toThrow(TypeError);
  });
});

describe('nodeIdFromString', () => {
  it('is deterministic and within 0–1023', () => {
    const seeds = Array.from({ length: 2000 }, (_, i) => `host-${i % 50}:${1000 + i}`);
    for (const seed of seeds) {
      const id = nodeIdFromString(seed);
      expect(Number.isInteger(id) && id >= 0 && id <= 1023).toBe(true);
      expect(nodeIdFromString(seed)).toBe(id);
    }
    expect(Number.isInteger(nodeIdFromString(''))).toBe(true);
  });

  it('spreads similar seeds across the range', () => {
    const ids = new Set(Array.from({ length: 2000 }, (_, i) => nodeIdFromString(`api-1.internal:${i}`)));
    // 2,000 uniform draws over 1,024 buckets hit ~873 distinct values on average.
    expect(ids.size).toBeGreaterThan(750);
    expect(nodeIdFromString('web-1:100')).not.toBe(nodeIdFromString('web-1:101'));
    // Non-Latin-1 characters use their high byte too.
    expect(nodeIdFromString('\u0100')).not.toBe(nodeIdFromString('\u0000'));
  });

  it('can seed a generator', () => {
    const nodeId = nodeIdFromString('worker-3:4242');
    expect(parseSnowflake(createSnowflakeGenerator({ nodeId, now: () => T0 }).next()).nodeId).toBe(nodeId);
  });
});

describe('lowestIdAt (a resync from a moment)', () => {
  it('is below every id generated at or after the moment, and above every one generated before it', () => {
    const before = createSnowflakeGenerator({ nodeId: MAX_NODE_ID_FOR_TEST, now: () => T0 - 1 });
    const at = createSnowflakeGenerator({ nodeId: 0, now: () => T0 });
    const cursor = lowestIdAt(T0);
    expect(isValidMessageId(cursor)).toBe(true);
    const earlier = Array.from({ length: 50 }, () => before.next());
    for (const id of earlier) expect(compareIds(id, cursor)).toBeLessThan(0);
    expect(compareIds(at.next(), cursor)).toBeGreaterThan(0);
    expect(parseSnowflake(cursor).timestampMs).toBe(T0 - 1);
  });

  it('stays a valid id at and before the epoch', () => {
    expect(lowestIdAt(SNOWFLAKE_EPOCH_MS)).toBe('1');
    expect(lowestIdAt(0)).toBe('1');
  });

  it('olderId picks the lower of two ids', () => {
    expect(olderId('20', '100')).toBe('20');
    expect(olderId('100', '20')).toBe('20');
  });
});

const MAX_NODE_ID_FOR_TEST = 1023;
