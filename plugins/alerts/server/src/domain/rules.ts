import { z } from 'zod';
import type { AlertType, EscalationRule, Severity } from '../../../shared/contracts';
import { ALERT_TYPES, SEVERITIES } from './alert-types';
import { SENTENCES } from '../constants';

/** An escalation rule as the routes take it (API.md "Alerts"); a bad target is OPS §3.7's "Escalation failed" sentence. */
export const ruleSchema = z.strictObject(
  {
    name: z.string({ error: 'Name the rule, like "Critical alerts to owners".' }).trim().min(1, 'Name the rule, like "Critical alerts to owners".').max(120, 'A rule name is at most 120 characters.'),
    active: z.boolean({ error: 'active is true or false.' }).default(true),
    when: z.strictObject(
      {
        severity: z.enum(SEVERITIES, { error: 'severity must be critical, warning or info.' }).optional(),
        type: z.enum(ALERT_TYPES, { error: `type must be one of: ${ALERT_TYPES.join(', ')}.` }).optional(),
        unresolvedMinutes: z
          .number({ error: 'unresolvedMinutes is a whole number of minutes from 1 to 10080 (a week).' })
          .int({ error: 'unresolvedMinutes is a whole number of minutes from 1 to 10080 (a week).' })
          .min(1, { error: 'unresolvedMinutes is a whole number of minutes from 1 to 10080 (a week).' })
          .max(10_080, { error: 'unresolvedMinutes is a whole number of minutes from 1 to 10080 (a week).' }),
      },
      { error: 'when is { severity?, type?, unresolvedMinutes }.' },
    ),
    target: z.strictObject(
      {
        type: z.enum(['owners', 'admins', 'admin_user'], { error: SENTENCES.escalationFailed }),
        adminUserId: z.number({ error: SENTENCES.escalationFailed }).int({ error: SENTENCES.escalationFailed }).positive({ error: SENTENCES.escalationFailed }).optional(),
      },
      { error: SENTENCES.escalationFailed },
    ),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be a rule: { name, active, when, target }.') },
);
export type RuleInput = z.infer<typeof ruleSchema>;

/** A target must name exactly what it needs: an admin for admin_user, nothing for a role. */
export function targetProblem(target: RuleInput['target']): string | null {
  if (target.type === 'admin_user' && !target.adminUserId) return SENTENCES.escalationFailed;
  if (target.type !== 'admin_user' && target.adminUserId) return SENTENCES.escalationFailed;
  return null;
}

const SEVERITY_WORDS: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
const minutes = (n: number) => (n % 60 === 0 ? `${n / 60} hour${n === 60 ? '' : 's'}` : `${n} minute${n === 1 ? '' : 's'}`);

/** A rule in words: "Critical alerts unresolved for 15 minutes → Owners". */
export function ruleText(rule: Pick<EscalationRule, 'when' | 'target'>, targetName: string): string {
  const what = [rule.when.severity ? SEVERITY_WORDS[rule.when.severity] : null, rule.when.type ? rule.when.type.replace(/_/g, ' ') : null].filter(Boolean).join(' ');
  return `${what ? `${what} alerts` : 'Alerts'} unresolved for ${minutes(rule.when.unresolvedMinutes)} → ${targetName}`;
}

/** Whether an open alert is due for this rule now: its kind matches and it has been open long enough. */
export function ruleDue(rule: { when: { severity?: Severity; type?: AlertType; unresolvedMinutes: number } }, alert: { severity: Severity; type: AlertType; createdAt: Date }, now: Date): boolean {
  if (rule.when.severity && rule.when.severity !== alert.severity) return false;
  if (rule.when.type && rule.when.type !== alert.type) return false;
  return +now - +alert.createdAt >= rule.when.unresolvedMinutes * 60_000;
}
