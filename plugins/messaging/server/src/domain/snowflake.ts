/**
 * 64-bit snowflake message ids (DOMAIN.md "Ordering, idempotency, sync"), serialized as decimal strings.
 *
 * Layout (most significant first): 1 unused sign bit (always 0), 41 bits of milliseconds since
 * `SNOWFLAKE_EPOCH_MS`, 10 bits of node id, 12 bits of sequence. Every id is therefore a positive
 * integer below 2^63, which is exactly what API.md "Validation limits" accepts.
 *
 * Pure: the clock is injected, nothing here reads time or does I/O.
 */

/** Custom epoch: 2025-01-01T00:00:00.000Z. */
export const SNOWFLAKE_EPOCH_MS = Date.UTC(2025, 0, 1);

export const SNOWFLAKE_TIMESTAMP_BITS = 41;
export const SNOWFLAKE_NODE_BITS = 10;
export const SNOWFLAKE_SEQUENCE_BITS = 12;

export const MAX_NODE_ID = (1 << SNOWFLAKE_NODE_BITS) - 1; // 1023
export const MAX_SEQUENCE = (1 << SNOWFLAKE_SEQUENCE_BITS) - 1; // 4095
/** Largest representable offset from the epoch, in ms (≈ 69.7 years, i.e. until 2094). */
export const MAX_TIMESTAMP_OFFSET_MS = 2 ** SNOWFLAKE_TIMESTAMP_BITS - 1;

const NODE_SHIFT = BigInt(SNOWFLAKE_SEQUENCE_BITS);
const TIMESTAMP_SHIFT = BigInt(SNOWFLAKE_SEQUENCE_BITS + SNOWFLAKE_NODE_BITS);
const NODE_MASK = BigInt(MAX_NODE_ID);
const SEQUENCE_MASK = BigInt(MAX_SEQUENCE);
/** 2^63: every valid id is strictly below this. */
const ID_LIMIT = 1n << 63n;

const DECIMAL_ID = /^[1-9][0-9]{0,18}$/;
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]*)$/;

export interface SnowflakeGeneratorOptions {
  /** 0–1023; unique per running process (see `nodeIdFromString`). */
  nodeId: number;
  /** Current time in Unix milliseconds (e.g. `Date.now`). */
  now: () => number;
}

export interface SnowflakeGenerator {
  /** The next id, strictly greater than every id this generator returned before. Never blocks. */
  next(): string;
}

export interface DecodedSnowflake {
  /** Unix milliseconds (epoch offset already added back). */
  timestampMs: number;
  nodeId: number;
  sequence: number;
}

const assertNodeId = (nodeId: unknown): number => {
  if (typeof nodeId !== 'number' || !Number.isInteger(nodeId) || nodeId < 0 || nodeId > MAX_NODE_ID) {
    throw new Error(`Snowflake nodeId must be an integer between 0 and ${MAX_NODE_ID}, got ${String(nodeId)}`);
  }
  return nodeId;
};

const compose = (offsetMs: number, nodeId: number, sequence: number): bigint =>
  (BigInt(offsetMs) << TIMESTAMP_SHIFT) | (BigInt(nodeId) << NODE_SHIFT) | BigInt(sequence);

/**
 * A per-process id generator.
 *
 * - Clock stepping backwards: the last logical timestamp is kept and the sequence keeps increasing.
 * - More than 4,096 ids in one millisecond: the logical timestamp borrows the next millisecond
 *   instead of busy-waiting; later calls keep using it until the real clock catches up.
 * - A clock before `SNOWFLAKE_EPOCH_MS` counts as the epoch itself (ids never go negative).
 * - Throws once the logical timestamp would no longer fit in 41 bits (year 2094), rather than
 *   wrapping or producing an id ≥ 2^63.
 */
export function createSnowflakeGenerator(options: SnowflakeGeneratorOptions): SnowflakeGenerator {
  const nodeId = assertNodeId(options?.nodeId);
  const now = options.now;
  if (typeof now !== 'function') throw new Error('Snowflake generator needs a now() clock function');

  let lastOffset = -1;
  let sequence = 0;

  return {
    next(): string {
      const clock = now();
      if (typeof clock !== 'number' || !Number.isFinite(clock)) {
        throw new Error(`Snowflake clock returned a non-finite time: ${String(clock)}`);
      }
      const offset = Math.max(0, Math.floor(clock - SNOWFLAKE_EPOCH_MS));

      let nextOffset: number;
      let nextSequence: number;
      if (offset > lastOffset) {
        nextOffset = offset;
        nextSequence = 0;
      } else if (sequence < MAX_SEQUENCE) {
        nextOffset = lastOffset;
        nextSequence = sequence + 1;
      } else {
        nextOffset = lastOffset + 1; // borrow the next millisecond
        nextSequence = 0;
      }
      // The one bit pattern that would be 0 (epoch millisecond, node 0, sequence 0) is not a valid id.
      if (nextOffset === 0 && nodeId === 0 && nextSequence === 0) nextSequence = 1;

      if (nextOffset > MAX_TIMESTAMP_OFFSET_MS) {
        throw new Error('Snowflake timestamp exceeds the 41-bit range of the epoch; ids would overflow 2^63');
      }
      lastOffset = nextOffset;
      sequence = nextSequence;
      return compose(nextOffset, nodeId, nextSequence).toString();
    },
  };
}

/** True for a positive decimal integer below 2^63 in canonical form (no sign, spaces, leading zeros, hex, decimals). */
export function isValidMessageId(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_ID.test(value) && BigInt(value) < ID_LIMIT;
}

/** Splits a valid id into its parts. Throws on anything `isValidMessageId` rejects. */
export function parseSnowflake(id: string): DecodedSnowflake {
  if (!isValidMessageId(id)) throw new Error(`Not a valid snowflake id: ${JSON.stringify(id)}`);
  const value = BigInt(id);
  return {
    timestampMs: Number(value >> TIMESTAMP_SHIFT) + SNOWFLAKE_EPOCH_MS,
    nodeId: Number((value >> NODE_SHIFT) & NODE_MASK),
    sequence: Number(value & SEQUENCE_MASK),
  };
}

/**
 * The lowest valid id of a moment (Unix milliseconds): every message created then or later has a greater id, so
 * `sync` from it brings everything since that moment (`sync:needed`, issue 25).
 */
export function lowestIdAt(ms: number): string {
  const offset = Math.min(Math.max(0, Math.floor(ms - SNOWFLAKE_EPOCH_MS)), MAX_TIMESTAMP_OFFSET_MS);
  // One below the moment's first id (node 0, sequence 0), which a generator can hand out; at the epoch, the lowest valid id.
  return (offset === 0 ? 1n : compose(offset, 0, 0) - 1n).toString();
}

/** The older of two ids (a resync's starting point: where a thread stood, or the moment of a gap, whichever is first). */
export const olderId = (a: string, b: string): string => (compareIds(a, b) <= 0 ? a : b);

/**
 * Numeric comparison of canonical decimal strings ('0' or no leading zeros), without precision loss:
 * negative if a < b, 0 if equal, positive if a > b. Usable directly as an `Array#sort` comparator.
 * Throws a TypeError on anything else, since comparing such strings would silently misorder.
 */
export function compareIds(a: string, b: string): number {
  if (typeof a !== 'string' || !CANONICAL_DECIMAL.test(a)) throw new TypeError(`compareIds: not a decimal id: ${JSON.stringify(a)}`);
  if (typeof b !== 'string' || !CANONICAL_DECIMAL.test(b)) throw new TypeError(`compareIds: not a decimal id: ${JSON.stringify(b)}`);
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A deterministic node id (0–1023) from a seed such as `${hostname}:${pid}`: 32-bit FNV-1a over the
 * UTF-16 code units (low byte, then high byte), xor-folded down to 10 bits.
 */
export function nodeIdFromString(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    const unit = seed.charCodeAt(i);
    hash ^= unit & 0xff;
    hash = Math.imul(hash, 0x01000193);
    hash ^= unit >>> 8;
    hash = Math.imul(hash, 0x01000193);
  }
  hash >>>= 0;
  return (hash ^ (hash >>> 10) ^ (hash >>> 20) ^ (hash >>> 30)) & MAX_NODE_ID;
}
