import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { ROUTE_TYPES, CONVERSATION_KINDS } from './route-matrix';
import { isValidMessageId } from './snowflake';

// eslint-disable-next-line no-control-regex
const HAS_NUL = /\u0000/;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const printable = (field: string) =>
  z.string({ error: `${field} must be text.` }).refine((s) => !HAS_NUL.test(s) && !HAS_LONE_SURROGATE.test(s), {
    error: `${field} contains characters that are not allowed.`,
  });

const messageId = (field: string) =>
  z.string({ error: `${field} must be a message id.` }).refine(isValidMessageId, { error: `${field} must be a message id (a positive whole number below 2^63).` });

/** API.md "Paging": `sinceId=0` reads from the first message; any other sinceId is a message id. */
export const FIRST_MESSAGE_CURSOR = '0';
export const isSinceCursor = (value: unknown): value is string => value === FIRST_MESSAGE_CURSOR || isValidMessageId(value);
const sinceCursor = z
  .string({ error: 'sinceId must be a message id, or 0 to read from the first message.' })
  .refine(isSinceCursor, { error: 'sinceId must be a message id (a positive whole number below 2^63), or 0 to read from the first message.' });

const routeType = z.enum(ROUTE_TYPES, { error: `routeType must be one of ${ROUTE_TYPES.join(', ')}.` });

/** API.md "Bodies": the same rules for HTTP and socket sends. */
export const sendMessageSchema = z.strictObject(
  {
    idempotencyKey: z.uuid({ version: 'v4', error: 'idempotencyKey must be a UUID (version 4), made once per message and reused on retry.' }),
    routeType,
    bodyHtml: printable('bodyHtml').refine((s) => s.length <= defaults.bodyHtmlMaxChars, {
      error: `bodyHtml must be at most ${defaults.bodyHtmlMaxChars.toLocaleString('en-US')} characters long.`,
    }),
    masqueradeForBusinessId: z
      .union([z.string(), z.number()], { error: 'masqueradeForBusinessId must be a business id.' })
      .transform((v) => String(v))
      .refine((v) => /^[1-9]\d{0,9}$/.test(v), { error: 'masqueradeForBusinessId must be a business id.' })
      .transform(Number)
      .optional(),
    visibleToBusiness: z.boolean({ error: 'visibleToBusiness must be true or false.' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not part of a message.` : 'Send the message as a JSON object.') },
);
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

const limit = z
  .string({ error: 'limit must be a whole number between 1 and 200.' })
  .regex(/^\d{1,3}$/, { error: `limit must be a whole number between 1 and ${defaults.messagesPageMax}.` })
  .transform(Number)
  .refine((n) => n >= 1 && n <= defaults.messagesPageMax, { error: `limit must be a whole number between 1 and ${defaults.messagesPageMax}.` });

/** API.md "Paging": no cursor, sinceId or beforeId — never both. */
export const messagePageSchema = z
  .strictObject(
    { sinceId: sinceCursor.optional(), beforeId: messageId('beforeId').optional(), limit: limit.optional() },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not a paging option; use sinceId, beforeId or limit.` : undefined) },
  )
  .refine((q) => !(q.sinceId !== undefined && q.beforeId !== undefined), { error: 'Use sinceId or beforeId, not both.' })
  .transform((q) => ({ ...q, limit: q.limit ?? defaults.messagesPageDefault }));
export type MessagePage = z.infer<typeof messagePageSchema>;

export const readSchema = z.strictObject({ lastReadMessageId: messageId('lastReadMessageId') });
export const typingSchema = z.strictObject({ typing: z.boolean({ error: 'typing must be true or false.' }) });

/** POST /api/conversations: the kind is checked before who may create it (API.md "Order of checks"). */
export const createAppConversationSchema = z.strictObject(
  {
    kind: z.enum(['business_admin', 'admin_sitter'], {
      error: 'kind must be "business_admin" (a business writing to the Admin team) or "admin_sitter" (a sitter writing to the Admin team).',
    }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} is not part of a new conversation.`
        : 'Send the new conversation as a JSON object, for example { "kind": "business_admin" }.',
  },
);

const entityId = (field: string) =>
  z
    .union([z.string(), z.number()], { error: `${field} must be an id.` })
    .transform((v) => String(v))
    .refine((v) => /^[1-9]\d{0,9}$/.test(v), { error: `${field} must be an id.` })
    .transform(Number);

const unknownKeys = (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `${issue.keys!.join(', ')} is not part of a new conversation.` : undefined;

/** A client's id is people's documentId (letters and digits); the People page and GET /people/clients show it. */
const clientDocumentId = z
  .string({ error: 'clientId must be the id of a client, as GET /people/clients lists it.' })
  .regex(/^[A-Za-z0-9]{1,64}$/, { error: 'clientId must be the id of a client, as GET /people/clients lists it.' });

/** POST /messaging/conversations: a VA's thread (with or without a business), a sitter's Admin team thread, or a client's SMS thread. */
export const createStaffConversationSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject(
        { kind: z.enum(['admin_va', 'business_va']), vaUserId: entityId('vaUserId'), businessId: entityId('businessId').optional() },
        { error: unknownKeys },
      ),
      z.strictObject({ kind: z.literal('admin_sitter'), sitterUserId: entityId('sitterUserId') }, { error: unknownKeys }),
      z.strictObject({ kind: z.literal('client'), clientId: clientDocumentId }, { error: unknownKeys }),
    ],
    { error: 'kind must be "admin_va", "business_va", "admin_sitter" or "client".' },
  )
  .refine((b) => b.kind !== 'business_va' || b.businessId !== undefined, {
    error: 'businessId is required for a business_va conversation: name the business the VA works for.',
  });
export type CreateStaffConversation = z.output<typeof createStaffConversationSchema>;

const pageSize = z
  .string()
  .regex(/^\d{1,4}$/, { error: `pageSize must be a whole number between 1 and ${defaults.staffPageSizeMax}.` })
  .transform(Number)
  .refine((n) => n >= 1 && n <= defaults.staffPageSizeMax, { error: `pageSize must be a whole number between 1 and ${defaults.staffPageSizeMax}.` });

export const staffConversationQuerySchema = z.strictObject({
  kind: z.enum(CONVERSATION_KINDS, { error: `kind must be one of ${CONVERSATION_KINDS.join(', ')}.` }).optional(),
  businessId: entityId('businessId').optional(),
  unread: z.enum(['true', 'false'], { error: 'unread must be true or false.' }).transform((v) => v === 'true').optional(),
  /** Issue 16: client threads with (true) or without (false) an active or coming sitter window. */
  assigned: z.enum(['true', 'false'], { error: 'assigned must be true or false.' }).transform((v) => v === 'true').optional(),
  /** Issue 16: client threads assigned to this sitter (their user id, as GET /people/sitters lists it). */
  sitterId: z
    .string({ error: 'sitterId must be the id of a sitter, as GET /people/sitters lists it.' })
    .regex(/^[1-9]\d{0,9}$/, { error: 'sitterId must be the id of a sitter, as GET /people/sitters lists it.' })
    .transform(Number)
    .refine((n) => n <= 2_147_483_647, { error: 'sitterId must be the id of a sitter, as GET /people/sitters lists it.' })
    .optional(),
  /**
   * Issue 17: client threads flagged by routing (`quarantined`); issue 18: with an open policy violation (`violation`);
   * issue 19: with an open delivery failure (`delivery_failure`, through the compliance plugin's port).
   */
  flag: z.enum(['quarantined', 'violation', 'delivery_failure'], { error: 'flag must be quarantined, violation or delivery_failure.' }).optional(),
  q: printable('q').refine((s) => s.length <= 200, { error: 'q must be at most 200 characters long.' }).optional(),
  page: z.string().regex(/^[1-9]\d{0,5}$/, { error: 'page must be a whole number from 1.' }).transform(Number).optional(),
  pageSize: pageSize.optional(),
});
export type StaffConversationQuery = z.infer<typeof staffConversationQuerySchema>;
