import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { SENTENCES } from '../constants';

/** Strict inputs of the policy routes (API.md "Anti-poaching policy"): every mistake a sentence naming its field. */
const id = (what: string) => z.coerce.number({ error: `${what} must be a whole number.` }).int({ error: `${what} must be a whole number.` }).positive({ error: `${what} must be a whole number.` });
const instant = (what: string) => z.coerce.date({ error: `${what} must be a date and time, like 2027-01-19T14:30:00Z.` });
const page = z.coerce.number({ error: 'Page must be a whole number from 1.' }).int({ error: 'Page must be a whole number from 1.' }).min(1, { error: 'Page must be a whole number from 1.' }).default(1);
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;
const pageSize = z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault);

export const VIOLATION_TYPES = ['phone_number', 'email', 'url', 'social_handle'] as const;
export const VIOLATION_STATUSES = ['open', 'resolved', 'dismissed'] as const;

const filters = {
  status: z.enum(VIOLATION_STATUSES, { error: 'status must be open, resolved or dismissed.' }).optional(),
  type: z.enum(VIOLATION_TYPES, { error: `type must be one of ${VIOLATION_TYPES.join(', ')}.` }).optional(),
  conversationId: id('conversationId').optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
};
const toAfterFrom = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.to > q.from;

export const listSchema = z
  .strictObject({ ...filters, page, pageSize }, { error: 'Unknown query parameter.' })
  .refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });

/** The CSV export takes the feed's filters, without paging. */
export const exportSchema = z.strictObject(filters, { error: 'Unknown query parameter.' }).refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });

export const reviewSchema = z.strictObject(
  { reason: z.string({ error: SENTENCES.reasonRequired }).trim().min(1, { error: SENTENCES.reasonRequired }).max(500, { error: 'A reason is at most 500 characters.' }) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be an object.') },
);

export const idParam = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
