import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { RULE_IDS } from './rules';
import { SENTENCES } from '../constants';

/** Strict inputs of the routing routes (API.md "Routing"): every mistake a sentence naming its field. */
const strictObject = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'The body must be an object.') });
const id = (what: string) => z.coerce.number({ error: `${what} must be a whole number.` }).int({ error: `${what} must be a whole number.` }).positive({ error: `${what} must be a whole number.` });
const instant = (what: string) => z.coerce.date({ error: `${what} must be a date and time, like 2027-01-19T14:30:00Z.` });
const e164 = (what: string) => z.string({ error: `${what} must be a phone number in international format, like +14155550199.` }).regex(/^\+[1-9]\d{6,14}$/, { error: `${what} must be a phone number in international format, like +14155550199.` });
const page = z.coerce.number({ error: 'Page must be a whole number from 1.' }).int({ error: 'Page must be a whole number from 1.' }).min(1, { error: 'Page must be a whole number from 1.' }).default(1);
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;
const pageSize = z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault);

export const simulateSchema = strictObject({
  conversationId: id('conversationId').optional(),
  clientPhone: e164('clientPhone').optional(),
  number: e164('number').optional(),
  at: instant('at').optional(),
  direction: z.enum(['inbound', 'outbound'], { error: 'direction must be inbound or outbound.' }).default('inbound'),
}).refine((b) => b.conversationId !== undefined || (b.clientPhone !== undefined && b.number !== undefined), {
  error: 'Pick a thread (conversationId), or give a client phone and a business number (clientPhone and number).',
});

export const DURATIONS = { '1h': 1, '4h': 4, '24h': 24, until_removed: null } as const;
export type OverrideDuration = keyof typeof DURATIONS;

export const overrideSchema = strictObject({
  conversationId: id('conversationId'),
  target: z.strictObject(
    {
      type: z.enum(['owner_inbox', 'sitter'], { error: 'target.type must be owner_inbox or sitter.' }),
      sitterId: id('target.sitterId').optional(),
    },
    { error: 'target must be { type: "owner_inbox" } or { type: "sitter", sitterId }.' },
  ).refine((t) => t.type !== 'sitter' || t.sitterId !== undefined, { error: 'A sitter override needs target.sitterId.' }),
  duration: z.enum(['1h', '4h', '24h', 'until_removed'], { error: 'duration must be 1h, 4h, 24h or until_removed.' }),
  reason: z.string({ error: SENTENCES.reasonRequired }).trim().min(1, { error: SENTENCES.reasonRequired }).max(500, { error: 'A reason is at most 500 characters.' }),
});

export const writeQuerySchema = z.strictObject({ preview: z.enum(['true', 'false'], { error: 'preview must be true or false.' }).optional() }, { error: 'Unknown query parameter.' });

export const overrideListSchema = z.strictObject({
  conversationId: id('conversationId').optional(),
  status: z.enum(['active', 'expired', 'removed'], { error: 'status must be active, expired or removed.' }).optional(),
  page,
  pageSize,
}, { error: 'Unknown query parameter.' });

export const historySchema = z.strictObject({
  conversationId: id('conversationId').optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
  rule: z.enum(RULE_IDS as [string, ...string[]], { error: `rule must be one of ${RULE_IDS.join(', ')}.` }).optional(),
  result: z.enum(['sitter', 'owner_inbox'], { error: 'result must be sitter or owner_inbox.' }).optional(),
  beforeId: id('beforeId').optional(),
  page,
  pageSize,
}, { error: 'Unknown query parameter.' }).refine((q) => !q.from || !q.to || q.to > q.from, { error: 'to must be after from.', path: ['to'] });

export const idParam = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
