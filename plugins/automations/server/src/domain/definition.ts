import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AutomationDefinition, Conditions, Scope, Trigger, Action } from '../../../shared/contracts';
import { BOOKING_STATUSES, TRIGGER_TYPES, triggerOf, variablesOf, operatorsFor } from './catalogue';
import { checkTemplate } from './templates';
import { SENTENCES } from '../constants';

/** A week either side of a window's edge. */
export const MAX_OFFSET_MINUTES = 7 * 24 * 60;
const MAX_TEMPLATE = 1_600;

const condition = z.strictObject({
  field: z.string({ error: 'Each condition needs a field. Pick one from the list.' }).min(1, 'Each condition needs a field. Pick one from the list.'),
  operator: z.enum(['eq', 'neq', 'in', 'gt', 'lt', 'contains'], { error: 'A condition operator must be eq, neq, in, gt, lt or contains.' }),
  value: z.union([z.string().max(200), z.number(), z.array(z.string().max(200)).max(20)], { error: 'Each condition needs a value.' }),
});
const group = z.strictObject({ op: z.enum(['and', 'or'], { error: 'Join conditions with and or or.' }), conditions: z.array(condition).max(20) });
const conditions = z.strictObject({ op: z.enum(['and', 'or'], { error: 'Join condition groups with and or or.' }), groups: z.array(group).max(10) });

const action = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('send_sms'), template: z.string().trim().min(1, 'An SMS action needs its message. Write it in Step 5.').max(MAX_TEMPLATE, `An SMS template is at most ${MAX_TEMPLATE} characters.`) }),
    z.strictObject({ type: z.literal('create_task'), text: z.string().trim().min(1, 'A task needs its text. Write it in Step 5.').max(MAX_TEMPLATE, `A task is at most ${MAX_TEMPLATE} characters.`) }),
    z.strictObject({ type: z.literal('update_booking_status'), status: z.enum(BOOKING_STATUSES, { error: 'The new booking status must be confirmed, completed or cancelled.' }) }),
  ],
  { error: 'An action must be send_sms, create_task or update_booking_status.' },
);

const trigger = z.strictObject(
  {
    type: z.enum(TRIGGER_TYPES, { error: `The trigger must be one of: ${TRIGGER_TYPES.join(', ')}.` }),
    offsetMinutes: z
      .number({ error: 'The offset is a whole number of minutes.' })
      .int('The offset is a whole number of minutes.')
      .min(-MAX_OFFSET_MINUTES, 'The offset is at most 7 days before or after.')
      .max(MAX_OFFSET_MINUTES, 'The offset is at most 7 days before or after.')
      .optional(),
  },
  { error: SENTENCES.triggerRequired },
);

const scope = z.strictObject({
  type: z.enum(['global', 'sitter', 'client'], { error: 'Scope must be global, sitter or client.' }),
  id: z.string().trim().min(1).max(64).optional(),
});

export const definitionSchema = z.strictObject({
  name: z.string({ error: 'Name is required. Give the automation a name in Step 1.' }).trim().min(1, 'Name is required. Give the automation a name in Step 1.').max(120, 'A name is at most 120 characters.'),
  description: z.string().trim().max(1_000, 'A description is at most 1,000 characters.').optional(),
  lane: z.enum(['front_desk', 'sitter', 'billing', 'system'], { error: 'Lane must be front_desk, sitter, billing or system.' }),
  scope: scope.optional(),
  trigger: trigger.optional(),
  conditions: conditions.optional(),
  actions: z.array(action).max(10, 'An automation takes at most 10 actions.').optional(),
});

export type ParsedDefinition = z.output<typeof definitionSchema>;

export interface DefinitionProblem {
  path: string;
  message: string;
}

/**
 * The rules zod cannot see, in the order the builder's steps ask them (OPS §3.6): a trigger (Step 2), conditions on
 * the trigger's own variables with operators their type allows (Step 3), an action (Step 4), templates that use only
 * the trigger's variables (Step 5). Answers the complete definition, or the first problem's sentence and every problem.
 */
export function checkDefinition(input: ParsedDefinition): { ok: true; definition: AutomationDefinition & { scope: Scope; conditions: Conditions } } | { ok: false; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  if (!input.trigger) return { ok: false, problems: [{ path: 'trigger', message: SENTENCES.triggerRequired }] };
  const type = input.trigger.type;
  if (!triggerOf(type).offset && input.trigger.offsetMinutes) problems.push({ path: 'trigger.offsetMinutes', message: `${triggerOf(type).label} takes no offset; only window triggers do.` });
  const scopeValue: Scope = input.scope ?? { type: 'global' };
  if (scopeValue.type !== 'global' && !scopeValue.id) problems.push({ path: 'scope.id', message: `A ${scopeValue.type} scope names the ${scopeValue.type}. Pick one in Step 1.` });
  const cond: Conditions = input.conditions ?? { op: 'and', groups: [] };
  const variables = variablesOf(type);
  cond.groups.forEach((g, gi) =>
    g.conditions.forEach((c, ci) => {
      const variable = variables.find((v) => v.name === c.field);
      const path = `conditions.groups.${gi}.conditions.${ci}`;
      if (!variable) problems.push({ path: `${path}.field`, message: `${c.field} is not a variable of ${triggerOf(type).label}. Pick a field from the list in Step 3.` });
      else if (!operatorsFor(variable).includes(c.operator)) problems.push({ path: `${path}.operator`, message: `${variable.label} cannot use ${c.operator}. Pick another operator in Step 3.` });
      else if ((c.operator === 'gt' || c.operator === 'lt') && !Number.isFinite(Number(c.value))) problems.push({ path: `${path}.value`, message: `${variable.label} compares with a number.` });
    }),
  );
  const actions = input.actions ?? [];
  if (actions.length === 0) problems.push({ path: 'actions', message: SENTENCES.actionRequired });
  const undefinedNames: string[] = [];
  actions.forEach((a, i) => {
    const text = a.type === 'send_sms' ? a.template : a.type === 'create_task' ? a.text : null;
    if (text === null) return;
    const check = checkTemplate(text, type);
    if (check.ok) return;
    if (check.kind === 'syntax') problems.push({ path: `actions.${i}`, message: check.message });
    else undefinedNames.push(...check.names.filter((n) => !undefinedNames.includes(n)));
  });
  if (undefinedNames.length > 0) problems.push({ path: 'actions', message: SENTENCES.undefinedVariables(undefinedNames) });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    definition: {
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      lane: input.lane,
      scope: scopeValue,
      trigger: { type, ...(input.trigger.offsetMinutes ? { offsetMinutes: input.trigger.offsetMinutes } : {}) },
      conditions: cond,
      actions: actions as Action[],
    },
  };
}

/** What a test must have seen: the behaviour (trigger, scope, conditions, actions), not the name or lane. */
export function definitionHash(def: { trigger: Trigger; scope: Scope; conditions: Conditions; actions: Action[] }): string {
  const canonical = JSON.stringify([def.trigger.type, def.trigger.offsetMinutes ?? 0, def.scope.type, def.scope.id ?? null, def.conditions, def.actions]);
  return createHash('sha256').update(canonical).digest('hex');
}
