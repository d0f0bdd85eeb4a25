import type { Action, Catalogue, ConditionOperator, Lane, TriggerType, VariableInfo } from '../../../shared/contracts';

/**
 * What a trigger gives an automation (OPS §2.4 "What Automations Can See"): its variables, each with a label for the
 * condition words, a type for the operators, and a sample for previews and tests without a context. One table; the
 * builder, the template check and the runner all read it.
 */
const CLIENT: VariableInfo[] = [
  { name: 'client.firstName', label: 'Client first name', type: 'string', sample: 'Jordan' },
  { name: 'client.lastName', label: 'Client last name', type: 'string', sample: 'Lee' },
  { name: 'client.name', label: 'Client name', type: 'string', sample: 'Jordan Lee' },
];
const SITTER: VariableInfo[] = [
  { name: 'sitter.firstName', label: 'Sitter first name', type: 'string', sample: 'Sky' },
  { name: 'sitter.displayName', label: 'Sitter name', type: 'string', sample: 'Sky Sitter' },
];
const BUSINESS: VariableInfo[] = [{ name: 'business.name', label: 'Business name', type: 'string', sample: 'Acme Pets' }];
const THREAD: VariableInfo[] = [{ name: 'thread.number', label: 'Thread number', type: 'string', sample: '+1 (415) 555-0141' }];
export const BOOKING_KINDS = ['one_time', 'weekly', 'meet_and_greet'];
export const BOOKING_STATUSES = ['confirmed', 'completed', 'cancelled'] as const;
const BOOKING: VariableInfo[] = [
  { name: 'booking.kind', label: 'Booking kind', type: 'enum', values: BOOKING_KINDS, sample: 'one_time' },
  { name: 'booking.status', label: 'Booking status', type: 'enum', values: [...BOOKING_STATUSES], sample: 'confirmed' },
  { name: 'booking.startsAtLocal', label: 'Booking start (local time)', type: 'datetime', sample: 'Thu, Dec 3, 10:00 AM' },
  { name: 'booking.endsAtLocal', label: 'Booking end (local time)', type: 'datetime', sample: 'Thu, Dec 3, 12:00 PM' },
  { name: 'booking.durationMinutes', label: 'Booking length in minutes', type: 'number', sample: 120 },
  { name: 'booking.numberClass', label: 'Booking number class', type: 'enum', values: ['sitter', 'pool', 'front_desk'], sample: 'pool' },
];
const PREVIOUS_STATUS: VariableInfo = { name: 'booking.previousStatus', label: 'Previous booking status', type: 'enum', values: [...BOOKING_STATUSES], sample: 'confirmed' };
const WINDOW: VariableInfo[] = [
  { name: 'window.startsAtLocal', label: 'Window start (local time)', type: 'datetime', sample: 'Thu, Dec 3, 10:00 AM' },
  { name: 'window.endsAtLocal', label: 'Window end (local time)', type: 'datetime', sample: 'Thu, Dec 3, 12:00 PM' },
  { name: 'window.type', label: 'Window type', type: 'enum', values: ['weekly_client', 'one_time_booking', 'meet_and_greet'], sample: 'one_time_booking' },
];
const MESSAGE: VariableInfo[] = [{ name: 'message.body', label: 'Message text', type: 'string', sample: 'Is Biscuit okay?' }];

export const TRIGGERS: Catalogue['triggers'] = [
  { type: 'booking.created', label: 'Booking created', description: 'A booking is created (REST API, Content Manager or the Assignments page).', offset: false, variables: [...CLIENT, ...SITTER, ...BOOKING, ...BUSINESS, ...THREAD] },
  { type: 'booking.status_changed', label: 'Booking status changed', description: "A booking's status changes (confirmed, completed, cancelled).", offset: false, variables: [...CLIENT, ...SITTER, ...BOOKING, PREVIOUS_STATUS, ...BUSINESS, ...THREAD] },
  { type: 'message.received', label: 'Message received', description: 'A client texts one of your numbers.', offset: false, variables: [...CLIENT, ...MESSAGE, ...BUSINESS, ...THREAD] },
  { type: 'window.starting', label: 'Window starting', description: "A sitter's assignment window starts (or the offset before or after it).", offset: true, variables: [...CLIENT, ...SITTER, ...WINDOW, ...BOOKING, ...BUSINESS, ...THREAD] },
  { type: 'window.ended', label: 'Window ended', description: "A sitter's assignment window ends (or the offset before or after it).", offset: true, variables: [...CLIENT, ...SITTER, ...WINDOW, ...BOOKING, ...BUSINESS, ...THREAD] },
];

export const ACTIONS: Catalogue['actions'] = [
  { type: 'send_sms', label: 'Send SMS to the client', description: "From the number the thread's class dictates, checked by the anti-poaching policy." },
  { type: 'create_task', label: 'Create a task', description: 'A note in the owner inbox on the thread, and an info alert.' },
  { type: 'update_booking_status', label: "Change the booking's status", description: 'Confirmed, completed or cancelled.' },
];

export const OPERATORS: Catalogue['operators'] = [
  { operator: 'eq', label: 'is' },
  { operator: 'neq', label: 'is not' },
  { operator: 'in', label: 'is one of' },
  { operator: 'gt', label: 'is more than' },
  { operator: 'lt', label: 'is less than' },
  { operator: 'contains', label: 'contains' },
];

export const LANES: Catalogue['lanes'] = [
  { lane: 'front_desk', label: 'Front Desk' },
  { lane: 'sitter', label: 'Sitter' },
  { lane: 'billing', label: 'Billing' },
  { lane: 'system', label: 'System' },
];

export const CATALOGUE: Catalogue = { triggers: TRIGGERS, actions: ACTIONS, operators: OPERATORS, lanes: LANES, bookingStatuses: [...BOOKING_STATUSES] };

export const TRIGGER_TYPES = TRIGGERS.map((t) => t.type) as [TriggerType, ...TriggerType[]];

export function triggerOf(type: TriggerType) {
  return TRIGGERS.find((t) => t.type === type)!;
}

export function variablesOf(type: TriggerType): VariableInfo[] {
  return triggerOf(type).variables;
}

/** Which operators make sense for a variable's type. */
export function operatorsFor(variable: VariableInfo): ConditionOperator[] {
  if (variable.type === 'number') return ['eq', 'neq', 'in', 'gt', 'lt'];
  if (variable.type === 'enum') return ['eq', 'neq', 'in'];
  return ['eq', 'neq', 'in', 'contains'];
}

/** Enum values as people say them ("one_time" → "One-time visit"). */
const VALUE_WORDS: Record<string, string> = {
  one_time: 'One-time visit',
  weekly: 'Weekly visits',
  meet_and_greet: 'Meet and greet',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  sitter: 'Sitter number',
  pool: 'Pool number',
  front_desk: 'Front Desk number',
  weekly_client: 'Weekly client',
  one_time_booking: 'One-time booking',
};
export const valueWords = (value: unknown): string => (typeof value === 'string' ? VALUE_WORDS[value] ?? value : String(value));

export const laneLabel = (lane: Lane): string => LANES.find((l) => l.lane === lane)?.label ?? lane;
export const actionLabel = (type: Action['type']): string => ACTIONS.find((a) => a.type === type)?.label ?? type;

/** Sample values of a trigger's variables, as a nested object a template renders with. */
export function sampleValues(type: TriggerType): Record<string, string | number> {
  return Object.fromEntries(variablesOf(type).map((v) => [v.name, v.sample]));
}
