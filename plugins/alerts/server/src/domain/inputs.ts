import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { ALERT_TYPES, SEVERITIES } from './alert-types';

/** Strict inputs of the alert routes (API.md "Alerts"). */
const unknownParameter = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown query parameter: ${(issue.keys ?? []).join(', ')}.` : 'The query must be parameters.') };
const pageSentence = 'Page must be a whole number from 1.';
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;
const paging = {
  page: z.coerce.number({ error: pageSentence }).int({ error: pageSentence }).min(1, { error: pageSentence }).default(1),
  pageSize: z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault),
};

export const alertListSchema = z.strictObject(
  {
    severity: z.enum(SEVERITIES, { error: 'severity must be critical, warning or info.' }).optional(),
    status: z.enum(['open', 'resolved', 'dismissed'], { error: 'status must be open, resolved or dismissed.' }).default('open'),
    type: z.enum(ALERT_TYPES, { error: `type must be one of: ${ALERT_TYPES.join(', ')}.` }).optional(),
    ...paging,
  },
  unknownParameter,
);
export type AlertListQuery = z.infer<typeof alertListSchema>;

export const noteSchema = z.strictObject(
  { note: z.string({ error: 'note is text.' }).trim().max(1_000, 'A note is at most 1,000 characters.').optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be { note? }.') },
);

export const escalationListSchema = z
  .strictObject(
    {
      from: z.coerce.date({ error: 'from must be a date, like 2027-01-19.' }).optional(),
      to: z.coerce.date({ error: 'to must be a date, like 2027-01-19.' }).optional(),
      type: z.enum(ALERT_TYPES, { error: `type must be one of: ${ALERT_TYPES.join(', ')}.` }).optional(),
      ...paging,
    },
    unknownParameter,
  )
  .refine((q) => !q.from || !q.to || q.to > q.from, { error: 'to must be after from.', path: ['to'] });
export type EscalationListQuery = z.infer<typeof escalationListSchema>;

/** A numeric id; anything else reads as not found. */
export const idParam = (value: unknown): number | null => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null);
