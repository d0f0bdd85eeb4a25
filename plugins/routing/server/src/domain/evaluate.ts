import { DateTime } from 'luxon';
import { displayNumber } from '@switchboard/kit';
import type { RoutingRuleId } from './rules';

/**
 * The routing decision (OPS §1.5, §3.2; API.md "Routing"): one pure function for production and the simulator.
 * Everything it needs is in the snapshot; time is a parameter; the same input gives the same trace, always.
 */

export interface SnapshotWindow {
  id: string;
  sitterId: number;
  sitterName: string;
  startsAt: Date;
  endsAt: Date;
  /** Stored overlapping: inert, it gives nobody the thread. */
  overlapping: boolean;
}

export interface SnapshotOverride {
  id: string;
  target: { type: 'owner_inbox' | 'sitter'; sitterId?: number; sitterName?: string };
  startsAt: Date;
  /** null: until removed. */
  endsAt: Date | null;
  reason: string;
}

export interface RoutingSnapshot {
  /** The organisation's IANA zone: every time in the trace reads in it. */
  timeZone: string;
  /** The client's thread (null in the simulator when the client has none on this number yet). */
  thread: { conversationId: number; clientName: string } | null;
  /** The business number texted; null when it is not in the inventory. */
  number: { e164: string; numberClass: 'front_desk' | 'sitter' | 'pool'; status: 'active' | 'quarantined' | 'inactive' } | null;
  /** Pool numbers only: the sender has an active thread on this number (a booking not ended more than the grace hours ago). */
  poolThreadActive: boolean;
  /** The thread's override that is active now, if any. */
  override: SnapshotOverride | null;
  /** The thread's assignment windows. */
  windows: SnapshotWindow[];
}

export interface RoutingQuestion {
  /** `outbound`: the simulator's "who receives what the business sends" direction (the client, from the thread's number). */
  direction: 'inbound' | 'outbound';
}

export interface RoutingStep {
  n: number;
  check: string;
  result: string;
}

export interface RoutingTarget {
  type: 'sitter' | 'owner_inbox' | 'client';
  sitterId?: number;
  label: string;
}

export interface RoutingEvaluation {
  steps: RoutingStep[];
  target: RoutingTarget;
  reason: string;
  /** null only for the outbound direction, which no inbound rule decides. */
  matchedRule: RoutingRuleId | null;
  overridden: boolean;
  overrideId: string | null;
  /** The unmapped pool sender gets the auto-response. */
  autoResponse: boolean;
  flags: { viaQuarantinedNumber?: boolean; unmappedPoolSender?: boolean };
}

export const OWNER_INBOX_LABEL = 'Owner inbox';
export const NO_RULE_MATCHED = 'No routing rule matched. Default: Route to owner inbox.';

const CLASS_WORDS = { front_desk: 'Front Desk number', sitter: 'Sitter number', pool: 'Pool number' } as const;

const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });
const clock = (at: Date, zone: string) => local(at, zone).toFormat('h:mm a');
const day = (at: Date, zone: string) => local(at, zone).toFormat('LLL d');

/** "3:00 PM – 6:00 PM", with the end's day when it ends on another day ("12:00 AM – 12:00 AM Dec 3"). */
export function windowRange(w: { startsAt: Date; endsAt: Date }, zone: string): string {
  const sameDay = local(w.startsAt, zone).hasSame(local(w.endsAt, zone), 'day');
  return `${clock(w.startsAt, zone)} – ${clock(w.endsAt, zone)}${sameDay ? '' : ` ${day(w.endsAt, zone)}`}`;
}

/** The window active at `at` (never an overlapping one), else the next to start, else the last one that ended. */
function windowsAt(windows: SnapshotWindow[], at: Date) {
  const live = windows.filter((w) => !w.overlapping).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const active = live.find((w) => w.startsAt <= at && at < w.endsAt) ?? null;
  const next = live.find((w) => w.startsAt > at) ?? null;
  const past = [...live].reverse().find((w) => w.endsAt <= at) ?? null;
  return { active, next, past };
}

const overrideActive = (o: SnapshotOverride | null, at: Date): o is SnapshotOverride => !!o && o.startsAt <= at && (o.endsAt === null || at < o.endsAt);

export function evaluate(snapshot: RoutingSnapshot, at: Date, question: RoutingQuestion): RoutingEvaluation {
  const zone = snapshot.timeZone;
  const steps: RoutingStep[] = [];
  const step = (check: string, result: string) => steps.push({ n: steps.length + 1, check, result });
  const owner = (rule: RoutingRuleId, reason: string, extra: Partial<RoutingEvaluation> = {}): RoutingEvaluation => {
    step('Evaluate routing', `Route to: ${OWNER_INBOX_LABEL}`);
    return { steps, target: { type: 'owner_inbox', label: OWNER_INBOX_LABEL }, reason, matchedRule: rule, overridden: false, overrideId: null, autoResponse: false, flags: {}, ...extra };
  };
  const when = `${clock(at, zone)} on ${day(at, zone)}`;
  const number = snapshot.number;

  // Rule 1: the number texted is in service.
  if (!number) {
    step('Check number', 'Not in the number inventory → not in service');
    return owner('number_in_service', 'Routed to Owner Inbox because: the number texted is not in the number inventory.', { flags: { viaQuarantinedNumber: true } });
  }
  const numberWords = `${displayNumber(number.e164)} (${CLASS_WORDS[number.numberClass]})`;
  if (number.status !== 'active') {
    step('Check number', `${numberWords} is ${number.status} → not in service`);
    return owner('number_in_service', `Routed to Owner Inbox because: ${displayNumber(number.e164)} is ${number.status}.`, { flags: { viaQuarantinedNumber: true } });
  }
  step('Check number', `${numberWords}: In service`);

  if (question.direction === 'outbound') {
    const client = snapshot.thread?.clientName ?? 'the client';
    step('Evaluate routing', `Route to: Client (${client}) from ${displayNumber(number.e164)}`);
    return {
      steps,
      target: { type: 'client', label: client },
      reason: `A message sent on this thread goes to ${client} by SMS from ${displayNumber(number.e164)}, the thread's number; the client never sees anyone's own number.`,
      matchedRule: null,
      overridden: false,
      overrideId: null,
      autoResponse: false,
      flags: {},
    };
  }

  // Rule 2: on a pool number, only a sender with an active thread there reaches anyone but the owner.
  if (number.numberClass === 'pool') {
    if (!snapshot.poolThreadActive) {
      step('Check pool sender', 'Sender has an active thread on this number: No');
      return owner('pool_sender_check', 'Routed to Owner Inbox because: the sender has no active thread on this pool number. The auto-response was sent.', {
        autoResponse: true,
        flags: { unmappedPoolSender: true },
      });
    }
    step('Check pool sender', 'Sender has an active thread on this number: Yes');
  }

  // Rule 3: an owner override decides while it lasts (a sitter override also lifts the window rule).
  const override = overrideActive(snapshot.override, at) ? snapshot.override : null;
  if (override) {
    const until = override.endsAt ? `until ${clock(override.endsAt, zone)} on ${day(override.endsAt, zone)}` : 'until removed';
    const targetWords = override.target.type === 'sitter' ? `Sitter (${override.target.sitterName ?? 'sitter'})` : OWNER_INBOX_LABEL;
    step('Check override', `Active override: ${targetWords}, ${until}`);
    step('Evaluate routing', `Route to: ${targetWords}`);
    const target: RoutingTarget =
      override.target.type === 'sitter'
        ? { type: 'sitter', sitterId: override.target.sitterId, label: override.target.sitterName ?? 'Sitter' }
        : { type: 'owner_inbox', label: OWNER_INBOX_LABEL };
    return {
      steps,
      target,
      reason: `Routed to ${override.target.type === 'sitter' ? target.label : 'Owner Inbox'} because: the owner overrode routing ${until} (“${override.reason}”).`,
      matchedRule: 'owner_override',
      overridden: true,
      overrideId: override.id,
      autoResponse: false,
      flags: {},
    };
  }
  step('Check override', 'Active override: None');

  // Rule 4: the assigned sitter while their window is active.
  const { active, next, past } = windowsAt(snapshot.windows, at);
  const assigned = active ?? next ?? past;
  if (!assigned) {
    step('Check thread assignment', 'Has sitter: No');
    return owner('default_owner_inbox', NO_RULE_MATCHED);
  }
  step('Check thread assignment', `Has sitter: ${assigned.sitterName}`);
  if (active) {
    step('Check assignment window', `Window active: Yes (${windowRange(active, zone)})`);
    step('Evaluate routing', `Route to: Sitter (${active.sitterName})`);
    return {
      steps,
      target: { type: 'sitter', sitterId: active.sitterId, label: active.sitterName },
      reason: `Routed to ${active.sitterName} because: Assignment window active from ${windowRange(active, zone).replace(' – ', ' to ')}.`,
      matchedRule: 'sitter_window',
      overridden: false,
      overrideId: null,
      autoResponse: false,
      flags: {},
    };
  }
  const nextWords = next ? ` Sitter assignment window starts at ${clock(next.startsAt, zone)}${local(next.startsAt, zone).hasSame(local(at, zone), 'day') ? '' : ` on ${day(next.startsAt, zone)}`}.` : '';
  step('Check assignment window', `Window active: No${next ? ` (next: ${windowRange(next, zone)}${local(next.startsAt, zone).hasSame(local(at, zone), 'day') ? '' : ` on ${day(next.startsAt, zone)}`})` : ''}`);
  return owner('default_owner_inbox', `Routed to Owner Inbox because: No active assignment window at ${when}.${nextWords}`);
}
