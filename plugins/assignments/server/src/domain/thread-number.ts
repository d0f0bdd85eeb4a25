import type { BookingKind, BookingStatus } from '../../../shared/contracts';

export type NumberClass = 'front_desk' | 'sitter' | 'pool';

/**
 * OPS §4.4 (`determineThreadNumberClass`), DOMAIN.md "Numbers, routing, windows": the class of business number a
 * booking's client thread uses. A weekly client with a sitter texts that sitter's masked number; a one-time booking
 * gets a pool number; everything else (a meet and greet, a weekly client without a sitter) the Front Desk.
 */
export function threadNumberClass(booking: { kind: BookingKind; sitterId: number | null }): NumberClass {
  if (booking.kind === 'weekly' && booking.sitterId !== null) return 'sitter';
  if (booking.kind === 'one_time') return 'pool';
  return 'front_desk';
}

/** A pool number in the inventory: active, not a sitter's; never used is null. */
export interface PoolNumber {
  e164: string;
  lastUsedAt: Date | null;
}

/** A booking that was given a pool number. */
export interface PoolHold {
  clientId: string;
  numberE164: string;
  status: BookingStatus;
  endsAt: Date;
}

const HOUR_MS = 3_600_000;

/** Bookings that ended before this instant hold no pool number any more, whatever their status. */
export const poolHoldCutoff = (now: Date, graceHours: number): Date => new Date(now.getTime() - graceHours * HOUR_MS);

/**
 * DOMAIN.md "Pool numbers", OPS §4.5: a booking holds its pool number while it is not cancelled and ended less than
 * `graceHours` ago (or has not ended). Then the number is free again at once: no cooldown.
 */
export function holdsPoolNumber(hold: PoolHold, now: Date, graceHours: number): boolean {
  return hold.status !== 'cancelled' && hold.endsAt.getTime() > poolHoldCutoff(now, graceHours).getTime();
}

/** The least recently used: never used first, ties by E.164, so the answer never depends on order. */
function leastRecentlyUsed(numbers: PoolNumber[]): PoolNumber | null {
  const lastUse = (n: PoolNumber) => (n.lastUsedAt ? n.lastUsedAt.getTime() : -Infinity);
  return [...numbers].sort((a, b) => lastUse(a) - lastUse(b) || (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0))[0] ?? null;
}

export interface PoolChoice {
  /** Active pool numbers with their last use. */
  pool: PoolNumber[];
  /** The pool numbers given to other bookings (never the one being written). */
  holds: PoolHold[];
  clientId: string;
  /** The pool number the booking being changed has now, if any: it keeps it while no other client holds it. */
  current?: string | null;
  now: Date;
  graceHours: number;
}

/**
 * The pool number for a one-time booking's thread (OPS §4.4, §4.5): the one the booking has; else one the client
 * holds through another booking (their thread stays where it is); else the least recently used free one; else null
 * ("No pool numbers available").
 */
export function choosePoolNumber({ pool, holds, clientId, current, now, graceHours }: PoolChoice): string | null {
  const active = holds.filter((h) => holdsPoolNumber(h, now, graceHours));
  const heldByOthers = new Set(active.filter((h) => h.clientId !== clientId).map((h) => h.numberE164));
  const usable = pool.filter((n) => !heldByOthers.has(n.e164));
  if (current && usable.some((n) => n.e164 === current)) return current;
  const own = new Set(active.filter((h) => h.clientId === clientId).map((h) => h.numberE164));
  const ownPick = leastRecentlyUsed(usable.filter((n) => own.has(n.e164)));
  if (ownPick) return ownPick.e164;
  const held = new Set(active.map((h) => h.numberE164));
  return leastRecentlyUsed(usable.filter((n) => !held.has(n.e164)))?.e164 ?? null;
}
