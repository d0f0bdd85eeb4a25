import { overlaps, type TimeRange } from './windows';
import { formatLocal } from './local-time';

/** How the operator resolves an overlap on a thread (OPS §3.3 "Assignment Conflicts View"). */
export type ResolveAction = 'keep' | 'trim' | 'split';
export const RESOLVE_ACTIONS: readonly ResolveAction[] = ['keep', 'trim', 'split'];

/** A window on the thread as the planner reads it: half-open, `inert` when stored `overlapping` (it gives nobody access). */
export interface PlanWindow extends TimeRange {
  id: string;
  inert: boolean;
}

/** What resolving does to the other windows and to the kept one. */
export interface ConflictPlan {
  /** The kept window's range once live (its start moves to `now` when an overlap before now is cleared). */
  kept: TimeRange;
  /** Windows deleted (they had not started, or were inert). */
  remove: string[];
  /** Windows whose range changes (a started one keeps its start; ended at `now` when nothing after it remains). */
  change: Array<{ id: string; startsAt: Date; endsAt: Date }>;
  /** Second parts of split windows: a new window with the same sitter, thread, type and booking. */
  insert: Array<{ from: string; startsAt: Date; endsAt: Date }>;
  /** Live windows active at `now` whose access ends now (removed or ended): the operator must confirm. */
  endsNow: string[];
}

/** The planner's refusals, in the words the operator reads (409). */
export const CONFLICT_SENTENCES = {
  kept_ended: 'That window has already ended; keep a window that has not ended yet.',
  no_conflict: 'That window does not overlap another window on this thread. Reload the conflicts view.',
  still_overlaps: 'Cannot resolve: the result would still overlap another window on this thread. Resolve that conflict first?',
  confirm: (names: string) => `Resolve conflict? ${names} will stop seeing the conversation now. Messages will route to the kept window's sitter or the owner inbox.`,
} as const;

export type ConflictRefusal = keyof Omit<typeof CONFLICT_SENTENCES, 'confirm'>;

/** The part of a range from `now` on (what a resolution may still change), or null. */
const fromNow = (r: TimeRange, now: Date): TimeRange | null => (r.endsAt > now ? { startsAt: r.startsAt > now ? r.startsAt : now, endsAt: r.endsAt } : null);

/**
 * Resolves the overlaps of one window (`keepId`) with the others on its thread (README "Conflicts"). Pure; ranges are
 * half-open. The kept window becomes live; every window not yet ended that overlaps it:
 * - `keep`: is removed;
 * - `trim`: keeps its longer part outside the kept window (ties: the part before); nothing left → as `keep`;
 * - `split`: keeps its part before and its part after (the part after becomes a new window).
 * What began before `now` is history: a live window that started keeps its start — it is never removed but ends at
 * `now` when nothing of its part before lasts beyond now (`endsNow`: the operator confirms), trim keeps its part before,
 * split its part before and a new window after; an inert one (it never gave access) is treated as not started. When
 * another window overlapped the kept one before now, the kept window goes live from `now`. From now on, the result
 * overlaps nothing on the thread.
 */
export function planConflictResolution(thread: PlanWindow[], keepId: string, action: ResolveAction, now: Date): { ok: true; plan: ConflictPlan } | { ok: false; refusal: ConflictRefusal } {
  const keep = thread.find((w) => w.id === keepId);
  if (!keep || keep.endsAt <= now) return { ok: false, refusal: 'kept_ended' };
  const others = thread.filter((w) => w.id !== keepId && w.endsAt > now && overlaps(w, keep));
  if (others.length === 0 && !keep.inert) return { ok: false, refusal: 'no_conflict' };
  // An overlap before now cannot be undone: the kept window goes live from now.
  // (A live kept window's past stands when only inert windows overlapped it: they never gave access.)
  const clashedBeforeNow = keep.startsAt < now && thread.some((w) => w.id !== keepId && (keep.inert || !w.inert) && overlaps(w, { startsAt: keep.startsAt, endsAt: now }));
  const kept: TimeRange = { startsAt: clashedBeforeNow ? now : keep.startsAt, endsAt: keep.endsAt };

  const plan: ConflictPlan = { kept, remove: [], change: [], insert: [], endsNow: [] };
  const results: TimeRange[] = [kept];
  for (const o of others) {
    // A live window that started keeps its start (it gave access until now); an inert one never did.
    const fixedStart = o.startsAt < now && !o.inert;
    const before: TimeRange | null = o.startsAt < kept.startsAt ? { startsAt: o.startsAt, endsAt: kept.startsAt } : null;
    const after: TimeRange | null = o.endsAt > kept.endsAt ? { startsAt: kept.endsAt, endsAt: o.endsAt } : null;
    let parts: TimeRange[];
    if (action === 'keep') parts = [];
    else if (action === 'split') parts = [before, after].filter((p): p is TimeRange => p !== null);
    else if (fixedStart || !after) parts = before ? [before] : [];
    else if (!before) parts = [after];
    else parts = [+before.endsAt - +before.startsAt >= +after.endsAt - +after.startsAt ? before : after];
    // Only what lasts beyond now is a part.
    parts = parts.filter((p) => p.endsAt > now);
    if (fixedStart) {
      // The window itself keeps its part before (or ends now); a part after becomes a new window.
      const own = parts.find((p) => p === before) ?? null;
      if (own) plan.change.push({ id: o.id, startsAt: own.startsAt, endsAt: own.endsAt });
      else {
        plan.change.push({ id: o.id, startsAt: o.startsAt, endsAt: now });
        plan.endsNow.push(o.id);
      }
      for (const p of parts.filter((p) => p !== own)) plan.insert.push({ from: o.id, startsAt: p.startsAt, endsAt: p.endsAt });
      results.push(...parts);
      continue;
    }
    if (parts.length === 0) {
      plan.remove.push(o.id);
      continue;
    }
    const [first, second] = parts;
    plan.change.push({ id: o.id, startsAt: first.startsAt, endsAt: first.endsAt });
    if (second) plan.insert.push({ from: o.id, startsAt: second.startsAt, endsAt: second.endsAt });
    results.push(...parts);
  }
  // From now on, nothing the resolution leaves overlaps another window (a window it does not touch included).
  const touched = new Set([keepId, ...others.map((o) => o.id)]);
  const ahead = (ranges: TimeRange[]) => ranges.map((r) => fromNow(r, now)).filter((r): r is TimeRange => r !== null);
  const mine = ahead(results);
  const rest = ahead(thread.filter((w) => !touched.has(w.id)));
  for (let i = 0; i < mine.length; i++) {
    if (rest.some((u) => overlaps(u, mine[i]))) return { ok: false, refusal: 'still_overlaps' };
    for (let j = i + 1; j < mine.length; j++) if (overlaps(mine[i], mine[j])) return { ok: false, refusal: 'still_overlaps' };
  }
  return { ok: true, plan };
}

/** "Tue, Jan 20, 3:00 PM PST – 6:00 PM PST" (the end's day only when it differs). */
export function rangeWords(range: TimeRange, zone: string): string {
  const start = formatLocal(range.startsAt, zone);
  const end = formatLocal(range.endsAt, zone);
  const day = (s: string) => s.split(', ').slice(0, 2).join(', ');
  return `${start} – ${day(start) === day(end) ? end.split(', ').slice(2).join(', ') : end}`;
}

/** OPS §3.3: the preview's sentences for a resolution, each window named by its sitter. Pure. */
export function conflictImpact(input: {
  plan: ConflictPlan;
  keep: { sitter: string; startsAt: Date; endsAt: Date };
  windows: Map<string, { sitter: string; startsAt: Date; endsAt: Date }>;
  client: string;
  zone: string;
}): string[] {
  const { plan, zone } = input;
  const name = (id: string) => input.windows.get(id)!;
  const lines: string[] = [];
  for (const id of plan.remove) lines.push(`${name(id).sitter}'s window ${rangeWords(name(id), zone)} will be removed.`);
  for (const c of plan.change) {
    const w = name(c.id);
    const second = plan.insert.find((i) => i.from === c.id);
    if (second) lines.push(`${w.sitter}'s window ${rangeWords(w, zone)} will be split into ${rangeWords(c, zone)} and ${rangeWords(second, zone)}.`);
    else if (plan.endsNow.includes(c.id)) lines.push(`${w.sitter}'s window ${rangeWords(w, zone)} will end now.`);
    else lines.push(`${w.sitter}'s window ${rangeWords(w, zone)} will be trimmed to ${rangeWords(c, zone)}.`);
  }
  for (const id of plan.endsNow) lines.push(`${name(id).sitter} will stop seeing ${input.client}'s conversation now.`);
  lines.push(`${input.keep.sitter}'s window will be live from ${formatLocal(plan.kept.startsAt, zone)} to ${formatLocal(plan.kept.endsAt, zone)}.`);
  lines.push(`Resolve the conflict on ${input.client}'s thread?`);
  return lines;
}

/** The sentence after the resolution. */
export function conflictConfirmation(input: { keep: string; client: string; kept: TimeRange; zone: string }): string {
  return `Conflict resolved: ${input.keep}'s window with ${input.client} is live from ${formatLocal(input.kept.startsAt, input.zone)} to ${formatLocal(input.kept.endsAt, input.zone)}.`;
}
