import type { AuditEvent } from '../../../shared/contracts';
import { z } from 'zod';

/**
 * Who did something. `system` and `automation:<id>` have no login (DOMAIN.md "Actors").
 * `role` is the real role; `effectiveRole` on the event says whom they acted as.
 */
export const auditActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('admin'), id: z.union([z.string(), z.number()]), displayName: z.string().min(1), role: z.string().min(1) }),
  z.object({ kind: z.literal('user'), id: z.union([z.string(), z.number()]), displayName: z.string().min(1), role: z.string().min(1) }),
  z.object({ kind: z.literal('automation'), id: z.union([z.string(), z.number()]), displayName: z.string().min(1) }),
  z.object({ kind: z.literal('system') }),
]);
export type AuditActor = z.infer<typeof auditActorSchema>;

/** How an admin-panel user is named wherever Switchboard shows or records them: "Olivia Owner", else the email. */
export function adminDisplayName(admin: { id: number | string; firstname?: string | null; lastname?: string | null; email?: string | null }): string {
  return [admin.firstname, admin.lastname].filter(Boolean).join(' ') || admin.email || `Admin ${admin.id}`;
}

/** The audit actor for a staff member (an admin-panel user), whatever plugin records the event. */
export function staffActor(staff: { id: number | string; displayName: string }): AuditActor {
  return { kind: 'admin', id: staff.id, displayName: staff.displayName, role: 'staff' };
}

export const auditEventInputSchema = z.object({
  actor: auditActorSchema,
  /** Defaults to the actor's own role. A masquerade records "business" here. */
  effectiveRole: z.string().min(1).optional(),
  /** Dotted, past-tense-free verbs in the business's words: "message.masquerade", "number.quarantine". */
  action: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'an action is dotted lower-case words, like "message.masquerade"'),
  entity: z.object({ type: z.string().min(1), id: z.union([z.string(), z.number()]) }).optional(),
  conversationId: z.union([z.string(), z.number()]).optional(),
  messageId: z.union([z.string(), z.number()]).optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEventInput = z.input<typeof auditEventInputSchema>;

export interface AuditEventRow {
  id: number;
  actorId: string;
  actorDisplayName: string;
  actorRole: string;
  effectiveRole: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  conversationId: string | null;
  messageId: string | null;
  details: Record<string, unknown> | null;
  archived: boolean;
  createdAt: string | Date;
}

/** The stored columns for one event: pure, so the same input always yields the same row. */
export function auditRowFromInput(input: AuditEventInput): Omit<AuditEventRow, 'id' | 'createdAt'> {
  const event = auditEventInputSchema.parse(input);
  const actor = event.actor;
  const actorId =
    actor.kind === 'system' ? 'system' : `${actor.kind}:${String(actor.id)}`;
  const actorDisplayName =
    actor.kind === 'system' ? 'Switchboard' : actor.displayName;
  const actorRole =
    actor.kind === 'system' ? 'system' : actor.kind === 'automation' ? 'automation' : actor.role;
  return {
    actorId,
    actorDisplayName,
    actorRole,
    effectiveRole: event.effectiveRole ?? actorRole,
    action: event.action,
    entityType: event.entity?.type ?? null,
    entityId: event.entity ? String(event.entity.id) : null,
    conversationId: event.conversationId === undefined ? null : String(event.conversationId),
    messageId: event.messageId === undefined ? null : String(event.messageId),
    details: event.details,
    archived: false,
  };
}

/** API.md `AuditEvent`, written once in the plugin's shared/ contracts. */
export type AuditEventView = AuditEvent;

export function toAuditEventView(row: AuditEventRow): AuditEventView {
  return {
    id: String(row.id),
    createdAt: new Date(row.createdAt).toISOString(),
    action: row.action,
    actor: { id: row.actorId, displayName: row.actorDisplayName, role: row.actorRole },
    effectiveRole: row.effectiveRole,
    ...(row.conversationId ? { conversationId: row.conversationId } : {}),
    ...(row.messageId ? { messageId: row.messageId } : {}),
    ...(row.entityType && row.entityId ? { entity: { type: row.entityType, id: row.entityId } } : {}),
    details: row.details ?? {},
    archived: row.archived,
  };
}

export const auditQuerySchema = z
  .object({
    conversationId: z.string().regex(/^\d{1,19}$/, 'conversationId must be a conversation id').optional(),
    messageId: z.string().regex(/^\d{1,19}$/, 'messageId must be a message id').optional(),
    action: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1, 'page must be 1 or more').default(1),
    pageSize: z.coerce.number().int().min(1, 'pageSize must be between 1 and 200').max(200, 'pageSize must be between 1 and 200').default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * What the compliance timeline asks of the log (issue 19): every part optional, all of them combined with AND. Built
 * by the caller from its own filters; `related` matches events about any of these threads or entities, or
 * whose details name this phone number (`details.e164`).
 */
export interface AuditSearch {
  /** Actions starting with any of these, like "policy." or "window.". */
  actionPrefixes?: readonly string[];
  actor?: { idIn?: readonly string[]; idNotIn?: readonly string[]; idPrefix?: string; roleIn?: readonly string[] };
  conversationId?: string;
  related?: { conversationIds: readonly string[]; entities: ReadonlyArray<{ type: string; id: string }>; detailsE164?: string };
  from?: Date;
  to?: Date;
}
