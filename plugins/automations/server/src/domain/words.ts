import type { Action, Condition, Conditions, Trigger } from '../../../shared/contracts';
import { OPERATORS, triggerOf, valueWords, variablesOf } from './catalogue';

/** An offset in words: -120 → "2 hours before", 30 → "30 minutes after", 0 → "". */
export function offsetWords(minutes: number): string {
  if (!minutes) return '';
  const size = Math.abs(minutes);
  const amount =
    size % 1440 === 0 ? `${size / 1440} day${size === 1440 ? '' : 's'}` : size % 60 === 0 ? `${size / 60} hour${size === 60 ? '' : 's'}` : `${size} minute${size === 1 ? '' : 's'}`;
  return `${amount} ${minutes < 0 ? 'before' : 'after'}`;
}

/** OPS §3.6 "Trigger: human-readable trigger description": "Booking created", "2 hours before a window starts". */
export function triggerText(trigger: Trigger): string {
  const offset = offsetWords(trigger.offsetMinutes ?? 0);
  if (trigger.type === 'window.starting') return offset ? `${offset} a window starts` : 'When a window starts';
  if (trigger.type === 'window.ended') return offset ? `${offset} a window ends` : 'When a window ends';
  return triggerOf(trigger.type).label;
}

const fieldLabel = (field: string, trigger: Trigger['type']) => variablesOf(trigger).find((v) => v.name === field)?.label ?? field;

/** OPS §3.6 "Each condition shown in human language": "Booking kind is One-time visit". */
export function conditionText(condition: Condition, trigger: Trigger['type']): string {
  const op = OPERATORS.find((o) => o.operator === condition.operator)?.label ?? condition.operator;
  const value = Array.isArray(condition.value) ? condition.value.map(valueWords).join(', ') : valueWords(condition.value);
  return `${fieldLabel(condition.field, trigger)} ${op} ${value}`;
}

export function conditionTexts(conditions: Conditions, trigger: Trigger['type']): string[][] {
  return conditions.groups.map((g) => g.conditions.map((c) => conditionText(c, trigger)));
}

/** Each action in words, in order: "Send SMS: "Hi {{client.firstName}}, …"". */
export function actionText(action: Action): string {
  if (action.type === 'send_sms') return `Send SMS to the client: "${action.template}"`;
  if (action.type === 'create_task') return `Create a task: "${action.text}"`;
  return `Set the booking's status to ${valueWords(action.status)}`;
}
