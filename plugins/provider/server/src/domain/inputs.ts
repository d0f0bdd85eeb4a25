import { z } from 'zod';
import type { AccountCheck } from './provider';

/** Request shapes of the provider's admin routes, with the sentence each mistake gets. */
const E164 = /^\+[1-9]\d{6,14}$/;

export const connectTwilioSchema = z.strictObject({
  accountSid: z.string({ error: 'accountSid is required.' }).regex(/^AC[0-9a-fA-F]{32}$/, { error: 'accountSid must be the 34-character account id that starts with AC.' }),
  authToken: z.string({ error: 'authToken is required.' }).min(16, { error: 'authToken looks too short; copy the whole auth token.' }).max(128),
  webhookBaseUrl: z.url({ error: 'webhookBaseUrl must be the public https address of this server.' }).optional(),
  frontDeskNumber: z.string().regex(E164, { error: 'frontDeskNumber must be in international format, like +14155550100.' }).optional(),
});

const WEBHOOK_URL = 'webhookBaseUrl must be the public address of this server, like https://messages.example.com (http or https, no query or fragment), or null for the default.';
/** A base the provider can call: an absolute http(s) address, nothing after its path. */
function isWebhookBase(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash && !value.includes('?') && !value.includes('#');
  } catch {
    return false;
  }
}

/** PUT /provider/settings/webhook: the custom webhook base (OPS §3.9 step 6 "Use custom webhook URL"), or null to clear it. */
export const webhookSettingSchema = z.strictObject(
  { webhookBaseUrl: z.union([z.null(), z.string({ error: WEBHOOK_URL }).trim().max(500, { error: WEBHOOK_URL }).refine(isWebhookBase, { error: WEBHOOK_URL })], { error: WEBHOOK_URL }) },
  { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue.keys ?? []).join(', ')}.` : WEBHOOK_URL) },
);

const PHONE_NUMBER = 'phoneNumber must be in international format, like +14155550199.';
/** Other query parameters are ignored, as they always were. */
export const phoneQuerySchema = z.object({ phoneNumber: z.string({ error: PHONE_NUMBER }).regex(E164, { error: PHONE_NUMBER }) });

export const phoneReplySchema = z.strictObject({
  from: z.string({ error: 'from is the client phone number.' }).min(1).max(20),
  to: z.string().max(20).optional(),
  body: z.string({ error: 'body is the text to send.' }).trim().min(1, { error: 'Write something to send.' }).max(1600, { error: 'An SMS here is at most 1,600 characters.' }),
});

/** An id that is not a whole number names no failed message, so it answers as one that is not waiting (404). */
export function deliveryIdFrom(param: unknown): number | null {
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}

/** Why the provider refused the account being connected, as one sentence. */
export function accountRefusal(check: Pick<AccountCheck, 'problems'>): string {
  return check.problems.join(' ') || 'The provider did not accept these credentials.';
}
