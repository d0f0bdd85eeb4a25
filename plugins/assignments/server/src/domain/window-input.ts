import { z } from 'zod';
import { IANAZone } from 'luxon';
import { defaults } from '@switchboard/config';
import type { AssignmentWindowStatus, WindowType } from '../../../shared/contracts';
import { BOOKING_SENTENCES } from './booking-input';
import { RESOLVE_ACTIONS, type ResolveAction } from './conflict-plan';

/** The sentences of the window routes' own fields. */
export const WINDOW_INPUT_SENTENCES = {
  conversationId: 'Thread (conversationId) must be a thread id, like "12".',
  type: 'Type must be weekly_client, one_time_booking or meet_and_greet.',
  status: 'Status must be active, future, past or overlapping.',
  from: 'From must be a date and time, like 2027-01-20T00:00:00Z.',
  to: 'To must be a date and time, like 2027-01-27T00:00:00Z.',
  toBeforeFrom: 'To must be after from.',
  clientOrThread: 'Send either clientId or conversationId, not both.',
  clientOrThreadMissing: 'Pick a client (clientId) or a thread (conversationId).',
  endsAtRequired: 'End time (endsAt) is required, except for a weekly client with a recurrence.',
  keepWindowId: 'Pick the window to keep (keepWindowId), as GET /assignments/conflicts lists it.',
  resolveAction: 'Action must be keep, trim or split.',
  flag: (name: string) => `${name} must be true or false.`,
  unknownField: (name: string) => `${name} is not a field here; remove it.`,
} as const;

export const WINDOW_TYPES: readonly WindowType[] = ['weekly_client', 'one_time_booking', 'meet_and_greet'];
const STATUSES: readonly AssignmentWindowStatus[] = ['active', 'future', 'past', 'overlapping'];

/** Strict objects: an unknown key is refused with a sentence naming it. */
const strictObject = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? WINDOW_INPUT_SENTENCES.unknownField((issue as { keys: string[] }).keys.join(', ')) : undefined),
  });

const instant = (message: string) =>
  z
    .string({ error: message })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v.trim()) && !Number.isNaN(new Date(v).getTime()), { error: message })
    .transform((v) => new Date(v));

const sitterId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,12}$/, { error: BOOKING_SENTENCES.sitterId }).transform(Number)], { error: BOOKING_SENTENCES.sitterId });
const conversationId = z.union([z.number().int().positive().transform(String), z.string().regex(/^\d{1,18}$/, { error: WINDOW_INPUT_SENTENCES.conversationId })], {
  error: WINDOW_INPUT_SENTENCES.conversationId,
});
const flag = (name: string) => z.enum(['true', 'false'], { error: WINDOW_INPUT_SENTENCES.flag(name) }).transform((v) => v === 'true').optional();
const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;
const timeZone = z.string({ error: BOOKING_SENTENCES.timeZone }).refine((zone) => IANAZone.isValidZone(zone.trim()), { error: BOOKING_SENTENCES.timeZone });

/** GET /assignments/windows */
export const windowListQuerySchema = strictObject({
  page: z.coerce.number({ error: 'Page must be a whole number from 1.' }).int({ error: 'Page must be a whole number from 1.' }).min(1, { error: 'Page must be a whole number from 1.' }).default(1),
  pageSize: z.coerce.number({ error: pageSizeSentence }).int({ error: pageSizeSentence }).min(1, { error: pageSizeSentence }).max(defaults.consolePageSizeMax, { error: pageSizeSentence }).default(defaults.consolePageSizeDefault),
  from: instant(WINDOW_INPUT_SENTENCES.from).optional(),
  to: instant(WINDOW_INPUT_SENTENCES.to).optional(),
  status: z.enum(STATUSES as [AssignmentWindowStatus, ...AssignmentWindowStatus[]], { error: WINDOW_INPUT_SENTENCES.status }).optional(),
  sitterId: sitterId.optional(),
  clientId: z.string().trim().min(1).max(64).optional(),
  conversationId: conversationId.optional(),
}).refine((q) => !q.from || !q.to || q.to > q.from, { error: WINDOW_INPUT_SENTENCES.toBeforeFrom, path: ['to'] });

/** GET /api/assignments/windows (a sitter) */
export const sitterWindowQuerySchema = strictObject({
  from: instant(WINDOW_INPUT_SENTENCES.from).optional(),
  to: instant(WINDOW_INPUT_SENTENCES.to).optional(),
}).refine((q) => !q.from || !q.to || q.to > q.from, { error: WINDOW_INPUT_SENTENCES.toBeforeFrom, path: ['to'] });

/** Every write's query: ?preview=true, and ?confirm=true for deleting an active window. */
export const writeQuerySchema = strictObject({ preview: flag('preview'), confirm: flag('confirm') });

const endAfterStart = (w: { startsAt?: Date; endsAt?: Date }) => !w.startsAt || !w.endsAt || w.endsAt > w.startsAt;

/** POST /assignments/windows */
export const createWindowSchema = strictObject({
  conversationId,
  sitterId,
  startsAt: instant(BOOKING_SENTENCES.startsAt),
  endsAt: instant(BOOKING_SENTENCES.endsAt),
  type: z.enum(WINDOW_TYPES as [WindowType, ...WindowType[]], { error: WINDOW_INPUT_SENTENCES.type }).optional(),
  timeZone: timeZone.optional(),
}).refine(endAfterStart, { error: BOOKING_SENTENCES.endBeforeStart, path: ['endsAt'] });

/** PUT /assignments/windows/:id */
export const updateWindowSchema = strictObject({
  startsAt: instant(BOOKING_SENTENCES.startsAt).optional(),
  endsAt: instant(BOOKING_SENTENCES.endsAt).optional(),
  sitterId: sitterId.optional(),
});

/** POST /assignments/assign (OPS §4.3) */
export const assignSchema = strictObject({
  clientId: z.string({ error: BOOKING_SENTENCES.client }).trim().min(1, { error: BOOKING_SENTENCES.client }).max(64).optional(),
  conversationId: conversationId.optional(),
  sitterId,
  type: z.enum(WINDOW_TYPES as [WindowType, ...WindowType[]], { error: WINDOW_INPUT_SENTENCES.type }),
  startsAt: instant(BOOKING_SENTENCES.startsAt),
  endsAt: instant(BOOKING_SENTENCES.endsAt).optional(),
  recurrence: z.unknown().optional(),
  timeZone: timeZone.optional(),
})
  .refine((a) => !(a.clientId && a.conversationId), { error: WINDOW_INPUT_SENTENCES.clientOrThread, path: ['clientId'] })
  .refine((a) => Boolean(a.clientId || a.conversationId), { error: WINDOW_INPUT_SENTENCES.clientOrThreadMissing, path: ['clientId'] });

/** POST /assignments/conflicts/resolve (OPS §3.3 "Assignment Conflicts View"). */
export const resolveConflictSchema = strictObject({
  conversationId,
  keepWindowId: z.string({ error: WINDOW_INPUT_SENTENCES.keepWindowId }).trim().min(1, { error: WINDOW_INPUT_SENTENCES.keepWindowId }).max(64, { error: WINDOW_INPUT_SENTENCES.keepWindowId }),
  action: z.enum(RESOLVE_ACTIONS as [ResolveAction, ...ResolveAction[]], { error: WINDOW_INPUT_SENTENCES.resolveAction }),
});

/** Only what locates the thread or client, read before anything else so a missing one answers 404 first. */
export const locatorOf = (body: unknown): { conversationId?: string; clientId?: string; keepWindowId?: string } => {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : undefined);
  return { conversationId: str(b.conversationId), clientId: str(b.clientId), keepWindowId: typeof b.keepWindowId === 'string' && b.keepWindowId.trim() ? b.keepWindowId.trim() : undefined };
};
