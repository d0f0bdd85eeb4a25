/**
 * The number inventory's rules (OPS §3.1, §4.1, §4.2, §4.4, §4.5, §4.9; DOMAIN.md "Numbers, routing, windows"),
 * as pure functions: every guardrail answers either "allowed" or the sentence an owner reads.
 */
import { defaults } from '@switchboard/config';
import { displayNumber } from '@switchboard/kit';

/** The one way a number reads (kit): "+1 (555) 123-4567" for North American numbers (OPS §3.1), international format otherwise. */
export { displayNumber };

export type NumberClass = 'front_desk' | 'sitter' | 'pool';
export type NumberStatus = 'active' | 'quarantined' | 'inactive';
export type Health = 'healthy' | 'warning' | 'critical';
export type QuarantineReason = 'delivery_failures' | 'policy_violation' | 'manual_review' | 'other';

export const NUMBER_CLASS_LABEL: Record<NumberClass, string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool' };
export const STATUS_LABEL: Record<NumberStatus, string> = { active: 'Active', quarantined: 'Quarantined', inactive: 'Inactive' };
export const QUARANTINE_REASON_LABEL: Record<QuarantineReason, string> = {
  delivery_failures: 'Delivery failures',
  policy_violation: 'Policy violation',
  manual_review: 'Manual review',
  other: 'Other',
};

/** OPS §3.1: 90 days unless the owner sets otherwise; never below 30 (DOMAIN.md); the numbers live in config/defaults.ts. */
export const DEFAULT_COOLDOWN_DAYS = defaults.quarantineCooldownDays;
export const MIN_COOLDOWN_DAYS = defaults.quarantineCooldownMinDays;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rules need to know about one number. */
export interface InventoryNumber {
  id: number;
  e164: string;
  numberClass: NumberClass;
  status: NumberStatus;
  sitterUserId: number | null;
  cooldownUntil: Date | null;
  lastUsedAt: Date | null;
}

export type Decision = { ok: true } | { ok: false; status: 400 | 409; message: string };
const allowed: Decision = { ok: true };
const refuse = (message: string, status: 400 | 409 = 409): Decision => ({ ok: false, status, message });


/** Dates in the sentences an owner reads: "March 3, 2027". */
export function displayDate(at: Date): string {
  return at.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** Delivery errors in 7 days from which a number is yellow, and red (numbers' settings; OPS §3.1's 1 and 3 by default). */
export interface HealthThresholds {
  warning: number;
  critical: number;
}
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = { warning: 1, critical: 3 };

/** OPS §3.1 health: green with no delivery errors in 7 days, yellow with 1–2, red with 3 or more (by default). */
export function healthOf(deliveryErrors7d: number, thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): Health {
  if (deliveryErrors7d >= thresholds.critical) return 'critical';
  if (deliveryErrors7d >= thresholds.warning) return 'warning';
  return 'healthy';
}

/** The cooldown an owner chose, refused below the floor. */
export function cooldownDays(requested: number | undefined, settingDays: number = DEFAULT_COOLDOWN_DAYS): { ok: true; days: number } | { ok: false; message: string } {
  if (requested === undefined) return { ok: true, days: settingDays };
  if (!Number.isInteger(requested) || requested < MIN_COOLDOWN_DAYS) {
    return { ok: false, message: `The cooldown is at least ${MIN_COOLDOWN_DAYS} days, so a quarantined number cannot reach a new client too soon.` };
  }
  return { ok: true, days: requested };
}

export function cooldownEnd(quarantinedAt: Date, days: number): Date {
  return new Date(quarantinedAt.getTime() + days * DAY_MS);
}

/** Whole days left, rounded up: a cooldown ending in 2 hours still has 1 day remaining. */
export function daysRemaining(until: Date | null, now: Date): number {
  if (!until) return 0;
  return Math.max(0, Math.ceil((until.getTime() - now.getTime()) / DAY_MS));
}

const activeFrontDesks = (all: InventoryNumber[]) => all.filter((n) => n.numberClass === 'front_desk' && n.status === 'active');

/** True when quarantining this number would leave no active Front Desk number (OPS §3.1 "must have at least one"). */
export function isLastFrontDesk(number: InventoryNumber, all: InventoryNumber[]): boolean {
  return number.numberClass === 'front_desk' && number.status === 'active' && activeFrontDesks(all).every((n) => n.id === number.id);
}

/** The numbers an owner may promote to Front Desk when the last one leaves: the active pool numbers nobody holds, by E.164. */
export function frontDeskCandidates(all: InventoryNumber[]): InventoryNumber[] {
  return all.filter((n) => available(n, 'pool')).sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));
}

/** The inventory as it will be once `replacementId` is the Front Desk number. */
export function withFrontDesk(all: InventoryNumber[], replacementId: number): InventoryNumber[] {
  return all.map((n) => (n.id === replacementId ? { ...n, numberClass: 'front_desk' as const } : n));
}

/** A replacement Front Desk number, chosen while quarantining a Front Desk number: an active pool number nobody holds. */
export function canReplaceFrontDesk(leaving: InventoryNumber, replacement: InventoryNumber | null): Decision {
  if (leaving.numberClass !== 'front_desk') {
    return refuse(`${displayNumber(leaving.e164)} is not a Front Desk number, so it needs no replacement. Quarantine it without one.`, 400);
  }
  if (!replacement) return refuse('That replacement number is not in the inventory. Pick an active pool number as the new Front Desk number.', 400);
  if (replacement.id === leaving.id) return refuse(`${displayNumber(leaving.e164)} cannot replace itself. Pick an active pool number as the new Front Desk number.`, 400);
  if (!available(replacement, 'pool')) {
    return refuse(`${displayNumber(replacement.e164)} is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.`, 400);
  }
  return allowed;
}

/**
 * Quarantine: never twice; never the last active Front Desk number — unless a replacement is named, which then
 * becomes the Front Desk number in the same change (OPS §3.1 "Quarantine Blocked … Assign replacement first").
 */
export function canQuarantine(number: InventoryNumber, all: InventoryNumber[], replacementId?: number): Decision {
  if (number.status === 'quarantined') return refuse(`${displayNumber(number.e164)} is already quarantined.`);
  if (replacementId !== undefined) {
    const replacing = canReplaceFrontDesk(number, all.find((n) => n.id === replacementId) ?? null);
    if (!replacing.ok) return replacing;
    return canQuarantine(number, withFrontDesk(all, replacementId));
  }
  if (isLastFrontDesk(number, all)) return refuse('Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.');
  return allowed;
}

/** Release to pool: only a sitter's number; never a Front Desk number. */
export function canReleaseToPool(number: InventoryNumber): Decision {
  if (number.numberClass === 'front_desk') return refuse('Cannot release Front Desk number to pool.');
  if (number.status === 'quarantined') return refuse(`${displayNumber(number.e164)} is quarantined; release it from quarantine when its cooldown ends.`);
  if (number.numberClass !== 'sitter' || number.sitterUserId === null) return refuse(`${displayNumber(number.e164)} is not assigned to a sitter, so there is nothing to release.`);
  return allowed;
}

/** Release from quarantine: only after the cooldown, which nobody can bypass. */
export function canReleaseFromQuarantine(number: InventoryNumber, now: Date): Decision {
  if (number.status !== 'quarantined') return refuse(`${displayNumber(number.e164)} is not quarantined.`);
  if (number.cooldownUntil && number.cooldownUntil.getTime() > now.getTime()) {
    const days = daysRemaining(number.cooldownUntil, now);
    return refuse(`Number is in cooldown until ${displayDate(number.cooldownUntil)}. ${days} ${days === 1 ? 'day' : 'days'} remaining.`);
  }
  return allowed;
}

/** Assign to a sitter (OPS §3.1 action 2, §4.1): an available number, and a sitter without one. */
export function canAssignToSitter(
  number: InventoryNumber,
  sitter: { userId: number; displayName: string; active: boolean },
  all: InventoryNumber[],
  assignedSitterName: string | null,
): Decision {
  if (!sitter.active) return refuse(`${sitter.displayName} is not an active sitter.`);
  if (number.status === 'quarantined') {
    const until = number.cooldownUntil ? ` until ${displayDate(number.cooldownUntil)}` : '';
    return refuse(`${displayNumber(number.e164)} is quarantined${until} and cannot be assigned.`);
  }
  if (number.status === 'inactive') return refuse(`${displayNumber(number.e164)} is inactive and cannot be assigned.`);
  if (number.numberClass === 'front_desk') return refuse('A Front Desk number belongs to the business and cannot be assigned to a sitter.');
  if (number.sitterUserId === sitter.userId) return refuse(`${displayNumber(number.e164)} is already assigned to ${sitter.displayName}.`);
  if (number.sitterUserId !== null) return refuse(`Number is already assigned to ${assignedSitterName ?? 'another sitter'}. Release first?`);
  const current = all.find((n) => n.sitterUserId === sitter.userId && n.status === 'active' && n.id !== number.id);
  if (current) return refuse(`${sitter.displayName} already has the active number ${displayNumber(current.e164)}. Release it first.`);
  return allowed;
}

/** The least recently used of some numbers: never-used first, ties broken by E.164, so the answer never depends on order. */
function leastRecentlyUsed(candidates: InventoryNumber[]): InventoryNumber | null {
  const lastUse = (n: InventoryNumber) => (n.lastUsedAt ? n.lastUsedAt.getTime() : -Infinity);
  return [...candidates].sort((a, b) => lastUse(a) - lastUse(b) || (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0))[0] ?? null;
}

const available = (n: InventoryNumber, numberClass: NumberClass) => n.numberClass === numberClass && n.status === 'active' && n.sitterUserId === null;

/** Pool rotation (OPS §4.5): the active, unassigned pool number used least recently. */
export function selectPoolNumber(all: InventoryNumber[], excludeIds: number[] = []): InventoryNumber | null {
  return leastRecentlyUsed(all.filter((n) => available(n, 'pool') && !excludeIds.includes(n.id)));
}

/** A masked number for onboarding (OPS §4.1): a free sitter-class number if there is one, else one from the pool; both in rotation. */
export function selectNumberForSitter(all: InventoryNumber[]): InventoryNumber | null {
  return leastRecentlyUsed(all.filter((n) => available(n, 'sitter'))) ?? selectPoolNumber(all);
}

/** What may be done to a number from its row (the guardrails behind each are checked again on confirmation). */
export function offeredActions(number: Pick<InventoryNumber, 'numberClass' | 'status' | 'sitterUserId'>) {
  const active = number.status === 'active';
  return {
    assign: active && number.numberClass !== 'front_desk' && number.sitterUserId === null,
    release: active && number.sitterUserId !== null,
    quarantine: active,
    releaseFromQuarantine: number.status === 'quarantined',
  };
}

/**
 * DOMAIN.md / OPS §4.4: the class of number a client thread uses — the assigned weekly sitter's masked
 * number, a pool number for a one-time booking, otherwise the Front Desk.
 */
export function threadNumberClass(thread: { assignedSitterHasNumber: boolean; oneTimeBooking: boolean }): NumberClass {
  if (thread.assignedSitterHasNumber) return 'sitter';
  if (thread.oneTimeBooking) return 'pool';
  return 'front_desk';
}

export interface ThreadUsingNumber {
  conversationId: string;
  clientLabel: string;
}

export interface Reassignment {
  conversationId: string;
  clientLabel: string;
  from: string;
  to: string;
}

/**
 * Where each thread of a number goes when the number leaves service (OPS §4.9): a pool number's threads move to
 * the next pool number in rotation; everything else (and a pool thread with no pool number left) to the Front Desk,
 * which lands it in the owner inbox.
 */
export function planReassignment(number: InventoryNumber, threads: ThreadUsingNumber[], all: InventoryNumber[], replacement?: InventoryNumber): Reassignment[] {
  // A Front Desk number quarantined with a named replacement hands its threads to that replacement.
  const frontDesk = replacement ?? activeFrontDesks(all).filter((n) => n.id !== number.id).sort((a, b) => (a.e164 < b.e164 ? -1 : 1))[0];
  const poolTarget = number.numberClass === 'pool' ? selectPoolNumber(all, [number.id]) : null;
  const target = poolTarget ?? frontDesk ?? null;
  if (!target) return [];
  return threads.map((t) => ({ conversationId: t.conversationId, clientLabel: t.clientLabel, from: number.e164, to: target.e164 }));
}

export interface ImpactPreview {
  number: string;
  threads: ThreadUsingNumber[];
  reassignments: Reassignment[];
  /** The confirmation sentence of OPS §3.1, with the impacts listed. */
  confirmation: string;
  impacts: string[];
}

/** The preview shown before a change, listing every thread it touches (OPS §3.1 actions 3 and 4). */
export function impactPreview(
  action: 'quarantine' | 'release' | 'assign',
  number: InventoryNumber,
  threads: ThreadUsingNumber[],
  all: InventoryNumber[],
  options: { cooldownDays?: number; sitterName?: string; replacement?: InventoryNumber } = {},
): ImpactPreview {
  const shown = displayNumber(number.e164);
  const replacement = action === 'quarantine' ? options.replacement : undefined;
  const reassignments = action === 'assign' ? [] : planReassignment(number, threads, replacement ? withFrontDesk(all, replacement.id) : all, replacement);
  const count = threads.length;
  const threadWord = `${count} active ${count === 1 ? 'thread' : 'threads'}`;
  const where = reassignments[0] ? `to ${displayNumber(reassignments[0].to)}` : 'to the owner inbox';
  const impacts: string[] = [];
  let confirmation: string;
  if (action === 'quarantine') {
    const days = options.cooldownDays ?? DEFAULT_COOLDOWN_DAYS;
    if (replacement) impacts.push(`make ${displayNumber(replacement.e164)} the Front Desk number`);
    impacts.push(count ? `reassign ${threadWord} ${where}` : 'touch no active threads');
    if (number.sitterUserId !== null) impacts.push('end its sitter assignment');
    confirmation = `Quarantine ${shown}? This will: ${impacts.join('; ')}. Number will be unavailable for ${days} days.`;
  } else if (action === 'release') {
    impacts.push(count ? `${threadWord} will be reassigned ${where}` : 'No active threads use this number');
    confirmation = `Release ${shown} to pool? ${count} active ${count === 1 ? 'thread' : 'threads'} will be reassigned to pool numbers.`;
  } else {
    impacts.push(`${shown} will be ${options.sitterName ?? 'the sitter'}'s masked number`);
    confirmation = `Assign ${shown} to ${options.sitterName ?? 'the sitter'}? This will deactivate current assignment if exists.`;
  }
  return { number: number.e164, threads, reassignments, confirmation, impacts };
}

/** Who a number shows as assigned to (OPS §3.1 "Assigned To"). */
export function assignedToLabel(number: InventoryNumber, sitterName: string | null): string {
  if (number.numberClass === 'front_desk') return 'Front Desk';
  if (number.sitterUserId !== null) return sitterName ?? 'Sitter';
  return number.numberClass === 'pool' ? 'Pool' : 'Unassigned';
}
