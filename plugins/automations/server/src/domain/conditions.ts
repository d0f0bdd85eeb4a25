import type { Condition, ConditionResult, Conditions, TriggerType } from '../../../shared/contracts';
import { valueWords, variablesOf } from './catalogue';
import { conditionText } from './words';

/** A run's variables, flat by name ("client.firstName" → "Jordan"); null when the context has no value. */
export type Variables = Record<string, string | number | null>;

const norm = (v: unknown) => String(v).trim().toLowerCase();
const listOf = (value: Condition['value']): string[] => (Array.isArray(value) ? value : String(value).split(',')).map(norm).filter((v) => v !== '');

/** One condition against the context's value: numbers compare as numbers, text without case. */
export function conditionHolds(condition: Condition, actual: string | number | null): boolean {
  if (actual === null || actual === undefined) return condition.operator === 'neq';
  switch (condition.operator) {
    case 'eq':
      return typeof actual === 'number' ? actual === Number(condition.value) : norm(actual) === norm(condition.value);
    case 'neq':
      return typeof actual === 'number' ? actual !== Number(condition.value) : norm(actual) !== norm(condition.value);
    case 'in':
      return listOf(condition.value).includes(norm(actual));
    case 'gt':
    case 'lt': {
      const a = Number(actual);
      const b = Number(condition.value);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return condition.operator === 'gt' ? a > b : a < b;
    }
    case 'contains':
      return norm(actual).includes(norm(condition.value));
  }
}

/**
 * Evaluates the condition groups (OPS §3.6 "Condition groups (AND/OR logic)"): each group joins its conditions by its
 * `op`, the groups join by the top `op`; no groups (or an empty group) holds. Every condition's actual value and
 * verdict is reported, so a test shows why.
 */
export function evaluateConditions(conditions: Conditions, variables: Variables, trigger: TriggerType): { matched: boolean; results: ConditionResult[] } {
  const results: ConditionResult[] = [];
  const groupVerdicts = conditions.groups.map((group, g) => {
    const verdicts = group.conditions.map((condition) => {
      const actual = variables[condition.field] ?? null;
      const passed = conditionHolds(condition, actual);
      results.push({
        group: g,
        field: condition.field,
        operator: condition.operator,
        expected: condition.value,
        actual,
        passed,
        text: `${conditionText(condition, trigger)}: ${passed ? 'yes' : 'no'} (${actual === null ? 'no value' : valueWords(actual)})`,
      });
      return passed;
    });
    if (verdicts.length === 0) return true;
    return group.op === 'and' ? verdicts.every(Boolean) : verdicts.some(Boolean);
  });
  const matched = groupVerdicts.length === 0 ? true : conditions.op === 'and' ? groupVerdicts.every(Boolean) : groupVerdicts.some(Boolean);
  return { matched, results };
}

/** A condition's field must be a variable of its trigger, with an operator its type allows. */
export function unknownConditionFields(conditions: Conditions, trigger: TriggerType): string[] {
  const names = new Set(variablesOf(trigger).map((v) => v.name));
  return conditions.groups.flatMap((g) => g.conditions.map((c) => c.field)).filter((f) => !names.has(f));
}
