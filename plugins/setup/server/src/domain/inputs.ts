import { z } from 'zod';

const unknownField = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue.keys ?? []).join(', ')}.` : 'The body must be an object.') };
const e164 = z.string({ error: 'Give the number in E.164, like +14155550100.' }).trim().regex(/^\+[1-9]\d{7,14}$/, 'Give the number in E.164, like +14155550100.');
const ref = z.string().trim().regex(/^(\+[1-9]\d{7,14}|PN[0-9a-fA-F]{32})$/, 'Each number is an E.164 number like +14155550100 or a provider SID like PN followed by 32 characters.');
const areaCode = z.string({ error: 'An area code is three digits, like 415.' }).trim().regex(/^\d{3}$/, 'An area code is three digits, like 415.');
const url = z.string().trim().url('Give a full address, like https://messages.example.com.').max(500);

/** Step 1. `apiBaseUrl` (the provider's API address) is for tests against the fake provider; production refuses it. */
export const connectSchema = z.strictObject(
  {
    accountSid: z.string({ error: 'Account SID is required: it starts with AC.' }).trim().regex(/^AC[0-9a-fA-F]{32}$/, 'Account SID starts with AC followed by 32 characters.'),
    authToken: z.string({ error: 'Auth Token is required.' }).trim().min(16, 'Auth Token is at least 16 characters.').max(200),
    webhookBaseUrl: url.optional(),
    apiBaseUrl: url.optional(),
  },
  unknownField,
);

export const emptySchema = z.strictObject({}, unknownField);

/** GET /setup/status: `fresh=true` checks the numbers' webhooks at the provider now instead of reading the last check. */
export const statusQuerySchema = z.strictObject(
  { fresh: z.enum(['true', 'false'], { error: 'fresh is true or false.' }).optional() },
  { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown query parameter: ${(issue.keys ?? []).join(', ')}.` : 'The query must be an object.') },
);

/** Step 3: buy a number found in a search, or import one the account owns. */
export const frontDeskSchema = z.discriminatedUnion(
  'mode',
  [z.strictObject({ mode: z.literal('buy'), e164 }, unknownField), z.strictObject({ mode: z.literal('import'), number: ref }, unknownField)],
  { error: 'Choose mode buy (with e164) or import (with number: an E.164 number or a provider SID).' },
);

/** Steps 4 and 5: buy several in an area code, import a pasted list, or skip (OPS §3.9: 1–50 sitter, 1–20 pool numbers). */
export const bulkSchema = (max: number) =>
  z.discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('skip') }, unknownField),
      z.strictObject({ mode: z.literal('buy'), areaCode, quantity: z.number().int().min(1, `Buy 1 to ${max} numbers at a time.`).max(max, `Buy 1 to ${max} numbers at a time.`) }, unknownField),
      z.strictObject({ mode: z.literal('import'), numbers: z.array(ref).min(1, 'List at least one number to import.').max(50, 'Import at most 50 numbers at a time.') }, unknownField),
    ],
    { error: 'Choose mode skip, buy (with areaCode and quantity) or import (with numbers).' },
  );

/** Step 6: the public address the provider calls, only when it is not this server's own (advanced). */
export const webhooksSchema = z.strictObject({ customBaseUrl: url.optional() }, unknownField);

/** POST /setup/status/repair: the numbers to re-point, or every drifted one. */
export const repairSchema = z.strictObject({ numbers: z.array(e164).min(1, 'Name at least one number, or leave numbers out to repair all.').max(500).optional() }, unknownField);

export const availableSchema = z.strictObject({ areaCode }, unknownField);
