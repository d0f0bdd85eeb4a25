/**
 * Socket payloads (API.md "Real-time"), checked as strictly as HTTP bodies: an id is a decimal string or a whole
 * number, never an array or object coerced to one, and no unknown keys. Plus the per-socket metrics:report budget.
 * Pure: time is a parameter.
 */
import { z } from 'zod';

const conversationId = z.union([z.string().regex(/^[1-9]\d{0,9}$/), z.number().int().positive().max(2_147_483_647)], {
  error: 'conversationId must be a conversation id.',
});

export const joinEventSchema = z.strictObject({ conversationId });
export const typingEventSchema = z.strictObject({ conversationId, typing: z.boolean() });
export const syncEventSchema = z.strictObject({
  conversationId,
  sinceId: z.union([z.string(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], { error: 'sinceId must be a message id, or 0.' }).transform(String),
});
/** message:send: the POST body plus conversationId; the body itself is checked by the one send. */
export const sendEventSchema = z.looseObject({ conversationId });

export interface ReportBudget {
  tokens: number;
  refilledAt: number;
}

/** A token bucket of `burst` reports refilling at `perMinute`: whether one report may go now, and the budget after. */
export function takeReportToken(budget: ReportBudget, now: number, rule: { perMinute: number; burst: number }): { allowed: boolean; budget: ReportBudget } {
  const tokens = Math.min(rule.burst, budget.tokens + (now - budget.refilledAt) * (rule.perMinute / 60_000));
  if (tokens < 1) return { allowed: false, budget: { tokens, refilledAt: now } };
  return { allowed: true, budget: { tokens: tokens - 1, refilledAt: now } };
}
