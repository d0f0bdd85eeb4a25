import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { ACTOR_ROLES, EVENT_TYPE_KEYS } from './timeline';

/** Strict inputs of the compliance routes (API.md "Compliance"): every mistake a sentence naming its field. */
const wholeNumber = (what: string) =>
  z.coerce.number({ error: `${what} must be a whole number.` }).int({ error: `${what} must be a whole number.` }).positive({ error: `${what} must be a whole number.` });
const instant = (what: string) => z.coerce.date({ error: `${what} must be a date and time, like 2027-01-19T14:30:00Z.` });
const page = z.coerce.number({ error: 'Page must be a whole number from 1.' }).int({ error: 'Page must be a whole number from 1.' }).min(1, { error: 'Page must be a whole number from 1.' }).default(1);
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;
const pageSize = z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault);
const toAfterFrom = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.to > q.from;
const unknownParameter = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown query parameter: ${(issue.keys ?? []).join(', ')}.` : 'The query must be parameters.') };

const timelineFilters = {
  type: z.enum(EVENT_TYPE_KEYS as [string, ...string[]], { error: `type must be one of ${EVENT_TYPE_KEYS.join(', ')}.` }).optional(),
  actorRole: z.enum(ACTOR_ROLES, { error: `actorRole must be one of ${ACTOR_ROLES.join(', ')}.` }).optional(),
  conversationId: z.string().regex(/^\d{1,19}$/, { error: 'conversationId must be a conversation id.' }).optional(),
  number: z
    .string()
    .trim()
    .regex(/^\+\d{8,15}$/, { error: 'number must be a phone number in E.164, like +14155550100.' })
    .optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
};

/** GET /compliance/audit: the filters, `beforeId` for deep pages (no offsets), or `page` for the first few. */
export const timelineSchema = z
  .strictObject({ ...timelineFilters, beforeId: wholeNumber('beforeId').optional(), page, pageSize }, unknownParameter)
  .refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });
export type TimelineQuery = z.infer<typeof timelineSchema>;

/** GET /compliance/audit/export.csv: the same filters, no paging. */
export const timelineExportSchema = z.strictObject(timelineFilters, unknownParameter).refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });
export type TimelineFilters = z.infer<typeof timelineExportSchema>;

/** POST /compliance/audit/verify: optionally the head an earlier export ended with. */
export const verifySchema = z.strictObject(
  {
    head: z
      .strictObject(
        {
          seq: wholeNumber('head.seq'),
          hash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'head.hash must be the 64-character hash an export ended with.' }),
        },
        { error: 'head must be { seq, hash } as an export ended with.' },
      )
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be an object.') },
);

export const DELIVERY_FAILURE_STATUSES = ['failed', 'retrying', 'stuck', 'resolved'] as const;
export type DeliveryFailureStatus = (typeof DELIVERY_FAILURE_STATUSES)[number];

const failureFilters = {
  status: z.enum(DELIVERY_FAILURE_STATUSES, { error: 'status must be failed, retrying, stuck or resolved.' }).optional(),
  conversationId: z.string().regex(/^\d{1,19}$/, { error: 'conversationId must be a conversation id.' }).optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
};

export const failuresSchema = z.strictObject({ ...failureFilters, page, pageSize }, unknownParameter).refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });
export type FailuresQuery = z.infer<typeof failuresSchema>;
export const failuresExportSchema = z.strictObject(failureFilters, unknownParameter).refine(toAfterFrom, { error: 'to must be after from.', path: ['to'] });
export type FailuresFilters = z.infer<typeof failuresExportSchema>;

export const resolveSchema = z.strictObject(
  { note: z.string({ error: 'note must be text.' }).trim().max(500, { error: 'A note is at most 500 characters.' }).optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be an object.') },
);

export const idParam = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** GET /compliance/analytics/…: a range of at most 366 days, and the sitter and thread filters. */
const analyticsFilters = {
  from: z.coerce.date({ error: 'from is required: a date and time, like 2027-01-19T00:00:00Z.' }),
  to: z.coerce.date({ error: 'to is required: a date and time, like 2027-01-19T00:00:00Z.' }),
  sitterId: wholeNumber('sitterId').optional(),
  conversationId: z.string().regex(/^\d{1,19}$/, { error: 'conversationId must be a conversation id.' }).optional(),
};
const shortRange = (q: { from: Date; to: Date }) => q.to.getTime() - q.from.getTime() <= 366 * 86_400_000;
export const responseTimesSchema = z
  .strictObject(analyticsFilters, unknownParameter)
  .refine((q) => q.to > q.from, { error: 'to must be after from.', path: ['to'] })
  .refine(shortRange, { error: 'A range is at most 366 days. Narrow the dates.', path: ['to'] });
export type ResponseTimesQuery = z.infer<typeof responseTimesSchema>;

export const BUCKETS = ['day', 'week', 'month'] as const;
export const volumeSchema = z
  .strictObject({ ...analyticsFilters, bucket: z.enum(BUCKETS, { error: 'bucket must be day, week or month.' }).default('day') }, unknownParameter)
  .refine((q) => q.to > q.from, { error: 'to must be after from.', path: ['to'] })
  .refine(shortRange, { error: 'A range is at most 366 days. Narrow the dates.', path: ['to'] });
export type VolumeQuery = z.infer<typeof volumeSchema>;

export const CHARTS = ['response-by-thread', 'response-by-sitter', 'response-trend', 'volume-series', 'volume-by-number-class', 'volume-by-thread', 'peak-hours'] as const;
export const analyticsExportSchema = z
  .strictObject({ ...analyticsFilters, bucket: z.enum(BUCKETS, { error: 'bucket must be day, week or month.' }).default('day'), chart: z.enum(CHARTS, { error: `chart must be one of ${CHARTS.join(', ')}.` }) }, unknownParameter)
  .refine((q) => q.to > q.from, { error: 'to must be after from.', path: ['to'] })
  .refine(shortRange, { error: 'A range is at most 366 days. Narrow the dates.', path: ['to'] });
export type AnalyticsExportQuery = z.infer<typeof analyticsExportSchema>;
