/** API.md "Automations" shapes, shared by the automations plugin's server and its admin pages. */

export type Lane = 'front_desk' | 'sitter' | 'billing' | 'system';
export type AutomationStatus = 'draft' | 'active' | 'paused' | 'archived';
export type TriggerType = 'booking.created' | 'booking.status_changed' | 'message.received' | 'window.starting' | 'window.ended';
export type ConditionOperator = 'eq' | 'neq' | 'in' | 'gt' | 'lt' | 'contains';
export type BookingStatus = 'confirmed' | 'completed' | 'cancelled';

export interface Trigger {
  type: TriggerType;
  /** Window triggers only: minutes from the window's edge, e.g. -120 = two hours before it starts. */
  offsetMinutes?: number;
}

export interface Condition {
  /** A variable of the trigger, e.g. "booking.kind". */
  field: string;
  operator: ConditionOperator;
  /** `in` takes a list; the others one value. */
  value: string | number | string[];
}
export interface ConditionGroup {
  op: 'and' | 'or';
  conditions: Condition[];
}
/** Groups joined by `op`; no groups = always true. */
export interface Conditions {
  op: 'and' | 'or';
  groups: ConditionGroup[];
}

export type Action =
  | { type: 'send_sms'; template: string }
  | { type: 'create_task'; text: string }
  | { type: 'update_booking_status'; status: BookingStatus };

/** Which contexts it runs for: every one, one sitter's (sitter user id) or one client's (client documentId). */
export interface Scope {
  type: 'global' | 'sitter' | 'client';
  id?: string;
}

/** The editable part: POST /automations and PUT /automations/:id take this. */
export interface AutomationDefinition {
  name: string;
  description?: string;
  lane: Lane;
  scope?: Scope;
  trigger: Trigger;
  conditions: Conditions;
  actions: Action[];
}

export interface LatestTest {
  executionId: string;
  version: number;
  ok: boolean;
  at: string;
  /** The test ran on exactly the current definition (its hash matches). */
  current: boolean;
}

/** API.md `Automation`. */
export interface Automation extends AutomationDefinition {
  id: string;
  scope: Scope;
  status: AutomationStatus;
  version: number;
  /** The trigger in words, e.g. "2 hours before a window starts". */
  triggerText: string;
  /** Each group's conditions in words, e.g. [["Booking kind is One-time visit", "Booking status is Confirmed"]]. */
  conditionTexts: string[][];
  /** Each action in words, in order. */
  actionTexts: string[];
  lastExecutedAt: string | null;
  executions24h: number;
  latestTest: LatestTest | null;
  /** Why it is paused, when the system paused it ("Paused after 5 failed executions in a row." or "Edited: test version 3 to activate."). */
  pausedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConditionResult {
  group: number;
  field: string;
  operator: ConditionOperator;
  expected: string | number | string[];
  /** The context's value (null when the context has none). */
  actual: string | number | null;
  passed: boolean;
  /** In words, e.g. "Booking status is Confirmed (was Completed)". */
  text: string;
}

export interface WouldSend {
  /** The number it leaves from (E.164), or null when no thread is known (a test on sample values). */
  from: string | null;
  /** In words: "+1 (415) 555-0141, the pool number of Jordan Lee's thread". */
  fromLabel: string;
  to: string | null;
  text: string;
}

export interface ActionResult {
  n: number;
  type: Action['type'];
  /** The action in words, with its rendered text. */
  text: string;
  /** done / failed in live runs; would_run in a test; skipped when the conditions did not match or an earlier action failed. */
  result: 'done' | 'would_run' | 'failed' | 'skipped' | 'blocked';
  wouldSend?: WouldSend;
  error?: string;
  /** A live send: the message id; a task: the notice's message id. */
  messageId?: string;
}

export type ExecutionStatus = 'queued' | 'success' | 'failed' | 'skipped';

/** API.md `Execution`: one run of one automation, live or test. */
export interface Execution {
  id: string;
  automationId: string;
  version: number;
  mode: 'live' | 'test';
  status: ExecutionStatus;
  trigger: { type: TriggerType; subject: { type: string; id: string }; at: string; text: string };
  /** The variables the run saw (the trigger context). */
  context: Record<string, string | number | null>;
  conditions: ConditionResult[];
  /** The conditions as a whole matched. */
  matched: boolean;
  actions: ActionResult[];
  /** Why it failed or was skipped, in words. */
  reason: string | null;
  error: string | null;
  causation: { id: string; depth: number };
  /** Who ran a test (an admin's name); "system" for live runs. */
  actor: string;
  createdAt: string;
  finishedAt: string | null;
}

/** POST /automations/:id/test */
export interface TestResult {
  ok: boolean;
  version: number;
  matched: boolean;
  conditions: ConditionResult[];
  actions: ActionResult[];
  /** Problems that make the test fail, in words (an undefined variable, a context without a thread). */
  errors: string[];
  executionId: string;
  /** The context the test ran on, in words ("Booking: Jordan Lee, one-time visit, Thu, Dec 3, 10:00 AM"). */
  contextText: string;
}

export interface TemplatePreview {
  bodyText: string;
  from: { e164: string | null; label: string };
}

export interface VariableInfo {
  name: string;
  label: string;
  type: 'string' | 'number' | 'datetime' | 'enum';
  values?: string[];
  sample: string | number;
}

/** GET /automations/catalogue */
export interface Catalogue {
  triggers: Array<{ type: TriggerType; label: string; description: string; offset: boolean; variables: VariableInfo[] }>;
  actions: Array<{ type: Action['type']; label: string; description: string }>;
  operators: Array<{ operator: ConditionOperator; label: string }>;
  lanes: Array<{ lane: Lane; label: string }>;
  bookingStatuses: BookingStatus[];
}
