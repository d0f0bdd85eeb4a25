import { z } from 'zod';
import { defaults } from '@switchboard/config';

/** Strict inputs of the automation routes (API.md "Automations"): every mistake a sentence naming its field. */
const unknownParameter = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown query parameter: ${(issue.keys ?? []).join(', ')}.` : 'The query must be parameters.') };
const unknownField = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue.keys ?? []).join(', ')}.` : 'The body must be an object.') };
const instant = (what: string) => z.coerce.date({ error: `${what} must be a date, like 2027-01-19 or 2027-01-19T14:30:00Z.` });
const pageSentence = 'Page must be a whole number from 1.';
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;

export const listSchema = z.strictObject(
  {
    status: z.enum(['draft', 'active', 'paused', 'archived'], { error: 'status must be draft, active, paused or archived.' }).optional(),
    lane: z.enum(['front_desk', 'sitter', 'billing', 'system'], { error: 'lane must be front_desk, sitter, billing or system.' }).optional(),
  },
  unknownParameter,
);
export type ListQuery = z.infer<typeof listSchema>;

export const executionListSchema = z
  .strictObject(
    {
      status: z.enum(['queued', 'success', 'failed', 'skipped'], { error: 'status must be queued, success, failed or skipped.' }).optional(),
      mode: z.enum(['live', 'test'], { error: 'mode must be live or test.' }).optional(),
      from: instant('from').optional(),
      to: instant('to').optional(),
      page: z.coerce.number({ error: pageSentence }).int({ error: pageSentence }).min(1, { error: pageSentence }).default(1),
      pageSize: z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault),
    },
    unknownParameter,
  )
  .refine((q) => !q.from || !q.to || q.to > q.from, { error: 'to must be after from.', path: ['to'] });
export type ExecutionListQuery = z.infer<typeof executionListSchema>;

const documentId = (what: string) => z.string({ error: `${what} must be an id.` }).trim().min(1, `${what} must be an id.`).max(64, `${what} must be an id.`);

export const testSchema = z.strictObject(
  {
    context: z
      .strictObject(
        {
          bookingId: documentId('context.bookingId').optional(),
          conversationId: z.union([z.string().regex(/^\d{1,19}$/), z.number().int().positive()], { error: 'context.conversationId must be a conversation id.' }).optional(),
          windowId: documentId('context.windowId').optional(),
          messageText: z.string().max(1_600, 'context.messageText is at most 1,600 characters.').optional(),
        },
        unknownField,
      )
      .optional(),
  },
  unknownField,
);
export type TestInput = z.infer<typeof testSchema>;

export const previewSchema = z.strictObject(
  {
    body: z.string({ error: 'body is the template to preview.' }).max(1_600, 'A template is at most 1,600 characters.'),
    triggerType: z.enum(['booking.created', 'booking.status_changed', 'message.received', 'window.starting', 'window.ended'], { error: 'triggerType must be one of the catalogue\'s triggers.' }),
    variables: z.record(z.string().max(80), z.string().max(200), { error: 'variables are names and sample values, like { "client.firstName": "Jordan" }.' }).optional(),
    context: z.strictObject({ bookingId: documentId('context.bookingId').optional() }, unknownField).optional(),
  },
  unknownField,
);
export type PreviewInput = z.infer<typeof previewSchema>;

/** An automation's id: a documentId; anything else reads as not found. */
export const idParam = (value: unknown): string | null => (typeof value === 'string' && /^[a-z0-9]{1,64}$/i.test(value) ? value : null);
