import { z } from 'zod';

/** Request shapes of the number inventory's admin routes, with the sentence each mistake gets. */
const e164 = z.string({ error: 'Enter the number in international format, like +14155550100.' }).regex(/^\+[1-9]\d{6,14}$/, { error: 'Enter the number in international format, like +14155550100.' });
const numberClass = z.enum(['front_desk', 'sitter', 'pool'], { error: 'Choose the number class: front_desk, sitter or pool.' });
const reason = z.enum(['delivery_failures', 'policy_violation', 'manual_review', 'other'], {
  error: 'Choose a reason: delivery_failures, policy_violation, manual_review or other.',
});
const id = z.coerce.number({ error: 'That is not a number id.' }).int({ error: 'That is not a number id.' }).positive({ error: 'That is not a number id.' });
const cooldownDays = z.number({ error: 'cooldownDays is a whole number of days.' }).int({ error: 'cooldownDays is a whole number of days.' }).optional();
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional();

export const listQuerySchema = z.strictObject({
  numberClass: list(numberClass),
  status: list(z.enum(['active', 'quarantined', 'inactive'], { error: 'Choose a status: active, quarantined or inactive.' })),
  sitterUserId: z.coerce.number().int().positive().optional(),
  unassigned: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  client: z.string().max(40).optional(),
  health: z.enum(['healthy', 'warning', 'critical'], { error: 'Choose a health: healthy, warning or critical.' }).optional(),
  usage: z.enum(['24h', '7d', '30d', 'never', 'high'], { error: 'Choose a usage: 24h, 7d, 30d, never or high.' }).optional(),
  q: z.string().max(40).optional(),
});

export const idParamSchema = z.object({ id });

export const searchQuerySchema = z.strictObject({
  areaCode: z.string({ error: 'Enter a three-digit area code.' }).regex(/^[2-9]\d{2}$/, { error: 'Enter a three-digit area code, like 415.' }),
});

export const buySchema = z.strictObject({ e164, numberClass });

const importRef = z
  .strictObject({ e164: e164.optional(), providerRef: z.string().regex(/^[A-Z]{2}[0-9a-zA-Z]{6,40}$/, { error: 'A provider reference looks like PN followed by 32 characters.' }).optional() })
  .refine((r) => Boolean(r.e164) !== Boolean(r.providerRef), { error: 'Give each number either its E.164 form or its provider reference.' });

export const importSchema = z.strictObject({
  numbers: z.array(importRef, { error: 'List the numbers to import.' }).min(1, { error: 'List at least one number to import.' }).max(500, { error: 'Import at most 500 numbers at a time.' }),
  numberClass,
});

export const assignSchema = z.strictObject({ sitterUserId: z.number({ error: 'Choose the sitter to assign this number to.' }).int().positive() });

/** The active pool number that becomes the Front Desk number when the last one is quarantined (OPS §3.1). */
const replacementId = z
  .number({ error: 'replacementId is the id of the active pool number that becomes the Front Desk number.' })
  .int({ error: 'replacementId is the id of the active pool number that becomes the Front Desk number.' })
  .positive({ error: 'replacementId is the id of the active pool number that becomes the Front Desk number.' })
  .optional();

export const quarantineSchema = z
  .strictObject({ reason, note: z.string().trim().max(500).optional(), cooldownDays, replacementId })
  .refine((q) => q.reason !== 'other' || (q.note && q.note.length > 0), { error: 'Say why, when the reason is Other.', path: ['note'] });

export const previewQuerySchema = z.strictObject({
  action: z.enum(['quarantine', 'release', 'assign'], { error: 'Choose what to preview: quarantine, release or assign.' }),
  sitterUserId: z.coerce.number().int().positive().optional(),
  cooldownDays: z.coerce.number().int().optional(),
  replacementId: z.coerce.number({ error: 'replacementId is a number id.' }).int({ error: 'replacementId is a number id.' }).positive({ error: 'replacementId is a number id.' }).optional(),
});

const ids = z.array(id).min(1, { error: 'Select at least one number.' }).max(500, { error: 'Select at most 500 numbers at a time.' });
export const bulkSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('quarantine'), ids, reason, note: z.string().trim().max(500).optional(), cooldownDays }).refine((q) => q.reason !== 'other' || (q.note && q.note.length > 0), {
      error: 'Say why, when the reason is Other.',
    }),
    z.strictObject({ action: z.literal('release'), ids }),
    z.strictObject({
      action: z.literal('assign'),
      assignments: z.array(z.strictObject({ numberId: id, sitterUserId: id })).min(1, { error: 'Select at least one number.' }).max(500),
    }),
  ],
  { error: 'Choose a bulk action: quarantine, release or assign.' },
);

export const sitterParamSchema = z.object({ userId: id });
