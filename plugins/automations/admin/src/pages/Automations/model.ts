import { DateTime } from 'luxon';
import type { Action, AutomationDefinition, Catalogue, Condition, Conditions, Lane, Scope, TriggerType } from '../../../../shared/contracts';
import { actionText, conditionTexts, triggerText } from '../../../../server/src/domain/words';

/** Where the page is: the list, the builder (new or an automation's edit) or an automation's detail. */
export type View = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string } | { kind: 'edit'; id: string };

export function viewOf(rest: string | undefined): View {
  const parts = (rest ?? '').split('/').filter(Boolean);
  if (parts.length === 0) return { kind: 'list' };
  if (parts[0] === 'new') return { kind: 'new' };
  if (parts[1] === 'edit') return { kind: 'edit', id: parts[0] };
  return { kind: 'detail', id: parts[0] };
}

export const STEP_TITLES = ['Basic info', 'Trigger', 'Conditions', 'Actions', 'Templates', 'Review'] as const;

/** The builder's form: the definition as the steps edit it. */
export interface Draft {
  name: string;
  description: string;
  lane: Lane;
  /** Whose contexts it runs for: every one, one sitter's (user id) or one client's (documentId). */
  scope: Scope;
  triggerType: TriggerType | '';
  /** Window triggers: "2 hours before" = 120, before. */
  offsetAmount: number;
  offsetUnit: 'minutes' | 'hours' | 'days';
  offsetDirection: 'before' | 'after';
  op: 'and' | 'or';
  groups: Array<{ op: 'and' | 'or'; conditions: Condition[] }>;
  actions: Action[];
}

export const emptyDraft = (): Draft => ({ name: '', description: '', lane: 'front_desk', scope: { type: 'global' }, triggerType: '', offsetAmount: 0, offsetUnit: 'hours', offsetDirection: 'before', op: 'and', groups: [], actions: [] });

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;

export function offsetMinutes(draft: Pick<Draft, 'offsetAmount' | 'offsetUnit' | 'offsetDirection'>): number {
  const minutes = Math.round(draft.offsetAmount) * UNIT_MINUTES[draft.offsetUnit];
  return draft.offsetDirection === 'before' ? -minutes : minutes;
}

/** -120 → 2 hours before; 90 → 90 minutes after. */
export function offsetParts(minutes: number): Pick<Draft, 'offsetAmount' | 'offsetUnit' | 'offsetDirection'> {
  const size = Math.abs(minutes);
  const unit = size > 0 && size % 1440 === 0 ? 'days' : size > 0 && size % 60 === 0 ? 'hours' : 'minutes';
  return { offsetAmount: size / UNIT_MINUTES[unit], offsetUnit: size === 0 ? 'hours' : unit, offsetDirection: minutes > 0 ? 'after' : 'before' };
}

export function draftOf(def: AutomationDefinition): Draft {
  return {
    name: def.name,
    description: def.description ?? '',
    lane: def.lane,
    scope: def.scope?.type && def.scope.type !== 'global' ? { type: def.scope.type, id: def.scope.id ?? '' } : { type: 'global' },
    triggerType: def.trigger.type,
    ...offsetParts(def.trigger.offsetMinutes ?? 0),
    op: def.conditions.op,
    groups: def.conditions.groups.map((g) => ({ op: g.op, conditions: g.conditions.map((c) => ({ ...c })) })),
    actions: def.actions.map((a) => ({ ...a })),
  };
}

export function definitionOf(draft: Draft, catalogue: Catalogue | null): AutomationDefinition {
  const takesOffset = catalogue?.triggers.find((t) => t.type === draft.triggerType)?.offset ?? false;
  const offset = takesOffset ? offsetMinutes(draft) : 0;
  return {
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    lane: draft.lane,
    scope: draft.scope.type === 'global' ? { type: 'global' } : { type: draft.scope.type, id: draft.scope.id ?? '' },
    trigger: { type: draft.triggerType as TriggerType, ...(offset ? { offsetMinutes: offset } : {}) },
    conditions: { op: draft.op, groups: draft.groups.filter((g) => g.conditions.length > 0) },
    actions: draft.actions,
  };
}

/** What stops the builder from leaving a step (OPS §3.6 "System validates each step"), with the spec's sentences. */
export function stepProblem(step: number, draft: Draft): string | null {
  if (step === 0 && !draft.name.trim()) return 'Name is required. Give the automation a name in Step 1.';
  if (step === 0 && draft.scope.type !== 'global' && !draft.scope.id) return `A ${draft.scope.type} scope names the ${draft.scope.type}. Pick one in Step 1.`;
  if (step === 1 && !draft.triggerType) return 'Trigger is required. Configure trigger in Step 2.';
  if (step === 2 && draft.groups.some((g) => g.conditions.some((c) => !c.field || String(c.value).trim() === ''))) return 'Each condition needs a field and a value.';
  if (step === 3 && draft.actions.length === 0) return 'At least one action is required. Add actions in Step 4.';
  if (step === 4 && draft.actions.some((a) => (a.type === 'send_sms' && !a.template.trim()) || (a.type === 'create_task' && !a.text.trim()))) return 'Write the text of every message and task.';
  return null;
}

/** Moves one action up or down (execution order). */
export function moveAction(actions: Action[], index: number, by: -1 | 1): Action[] {
  const to = index + by;
  if (to < 0 || to >= actions.length) return actions;
  const next = actions.slice();
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

export const LANE_LABELS: Record<Lane, string> = { front_desk: 'Front Desk', sitter: 'Sitter', billing: 'Billing', system: 'System' };
export const STATUS_LABELS = { draft: 'Draft', active: 'Active', paused: 'Paused', archived: 'Archived' } as const;
/** Badge colours with readable contrast (background, text). */
export const STATUS_COLOURS = { draft: ['neutral150', 'neutral700'], active: ['success100', 'success700'], paused: ['warning100', 'warning700'], archived: ['neutral150', 'neutral700'] } as const;

/** The execution log's query: status and mode when chosen, and whole days from `from` to `to` (the browser's zone). */
export function logQuery(filters: { status: string; mode: string; from: string; to: string }, zone = 'local'): URLSearchParams {
  const q = new URLSearchParams({ pageSize: '50' });
  if (filters.status !== 'all') q.set('status', filters.status);
  if (filters.mode !== 'all') q.set('mode', filters.mode);
  const day = (value: string) => DateTime.fromISO(value, { zone }).startOf('day');
  if (filters.from && day(filters.from).isValid) q.set('from', day(filters.from).toUTC().toISO()!);
  if (filters.to && day(filters.to).isValid) q.set('to', day(filters.to).plus({ days: 1 }).toUTC().toISO()!);
  return q;
}

/** A person a scope can name, as the pickers list them (GET /people/sitters, GET /people/clients). */
export interface PersonOption {
  id: string;
  name: string;
}

/**
 * The Step 1 picker's `[value, label]` options for a scope's sitter or client; one the list no longer holds (an
 * inactive sitter, a client beyond the first page) stays choosable by its id, so reading the draft never loses it.
 */
export function personOptions(people: PersonOption[], current: string | undefined): Array<[string, string]> {
  const options = people.map((p): [string, string] => [p.id, p.name]);
  return current && !people.some((p) => p.id === current) ? [[current, current], ...options] : options;
}

/** The scope in words for the review: "Every booking, window and thread" or "Only Sam Sitter's". */
export function scopeWords(scope: Scope, people: { sitters: PersonOption[]; clients: PersonOption[] }): string {
  if (scope.type === 'global') return 'Every booking, window and thread (global)';
  const name = (scope.type === 'sitter' ? people.sitters : people.clients).find((p) => p.id === scope.id)?.name ?? scope.id ?? '';
  return `Only ${scope.type === 'sitter' ? 'sitter' : 'client'} ${name}'s bookings, windows and threads`;
}

/** The rows a test or preview context is picked from, as the admin routes answer them (only what the labels need). */
export interface ContextRows {
  bookings: Array<{ id: string; kind: string; client: string; startsAt: string }>;
  clients: Array<{ id: string; name: string }>;
  threads: Array<{ id: string; title: string }>;
  windows: Array<{ id: string; client: { name: string }; sitter: { displayName: string }; startsAt: string }>;
}
export const SAMPLE_CONTEXT = 'sample';

/**
 * The context picker's `[value, label]` options (OPS §3.6 "Select test context"): sample values, then each booking
 * ("Jordan Lee · one time · …"), client thread ("Thread: Casey Morgan") and window ("Window: Casey Morgan with Sam
 * Sitter · …"); `when` writes an instant.
 */
export function contextOptions(rows: ContextRows, when: (iso: string) => string): Array<[string, string]> {
  const names = new Map(rows.clients.map((c) => [c.id, c.name]));
  return [
    [SAMPLE_CONTEXT, 'Sample values'],
    ...rows.bookings.map((b): [string, string] => [`booking:${b.id}`, `${names.get(b.client) ?? 'A client'} · ${b.kind.replace(/_/g, ' ')} · ${when(b.startsAt)}`]),
    ...rows.threads.map((t): [string, string] => [`thread:${t.id}`, `Thread: ${t.title}`]),
    ...rows.windows.map((w): [string, string] => [`window:${w.id}`, `Window: ${w.client.name} with ${w.sitter.displayName} · ${when(w.startsAt)}`]),
  ];
}

/** POST /automations/:id/test's body for the picked context (and a client's message, for a message trigger). */
export function testBody(choice: string, messageText = ''): { context?: { bookingId?: string; conversationId?: string; windowId?: string; messageText?: string } } {
  const [kind, id] = [choice.slice(0, choice.indexOf(':')), choice.slice(choice.indexOf(':') + 1)];
  const message = messageText.trim() ? { messageText: messageText.trim() } : {};
  if (kind === 'booking') return { context: { bookingId: id } };
  if (kind === 'window') return { context: { windowId: id } };
  if (kind === 'thread') return { context: { conversationId: id, ...message } };
  return messageText.trim() ? { context: message } : {};
}

/**
 * POST /automations/templates/preview's body (OPS §3.6 "Preview Template"): on a booking, its own values and the
 * number of its thread; on sample values, the ones the Owner entered (of the trigger's variables `known`) over the
 * catalogue's samples.
 */
export function previewBody(body: string, triggerType: TriggerType, choice: string, samples: Record<string, string>, known: string[]) {
  if (choice.startsWith('booking:')) return { body, triggerType, context: { bookingId: choice.slice('booking:'.length) } };
  const variables = Object.fromEntries(Object.entries(samples).filter(([name]) => known.includes(name)));
  return { body, triggerType, ...(Object.keys(variables).length > 0 ? { variables } : {}) };
}

/** Condition groups as lines, each group's conditions joined by its op and the groups by theirs: "(A AND B)", "OR (C)". */
export function conditionLines(conditions: Conditions, texts: string[][]): string[] {
  return texts.map((group, i) => `${i > 0 ? `${conditions.op.toUpperCase()} ` : ''}(${group.join(` ${conditions.groups[i].op.toUpperCase()} `)})`);
}

/**
 * Step 6 "Review" (OPS §3.6 "Preview automation"): the definition in the words the detail page uses (the server's own
 * words for triggers, conditions and actions), before it is saved.
 */
export function reviewOf(def: AutomationDefinition, people: { sitters: PersonOption[]; clients: PersonOption[] }) {
  return {
    scope: scopeWords(def.scope ?? { type: 'global' }, people),
    trigger: triggerText(def.trigger),
    conditions: conditionLines(def.conditions, conditionTexts(def.conditions, def.trigger.type)),
    actions: def.actions.map(actionText),
  };
}
