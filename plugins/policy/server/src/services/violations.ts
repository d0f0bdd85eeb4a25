import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, publishDomainEvent } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import type { ClientThreadsService, OutboundToCheck } from '@switchboard/messaging';
import { type ContactType, type Finding } from '../domain/detector';
import { AUDIT_ACTIONS, EVENTS, PLUGIN, SENTENCES, VIOLATION_UID } from '../constants';

export interface ViolationRow {
  id: number;
  documentId: string;
  conversationId: number;
  messageId: string;
  type: ContactType;
  types: ContactType[];
  status: 'open' | 'resolved' | 'dismissed';
  actionTaken: 'blocked' | 'held' | 'overridden';
  redactedText: string;
  routeType: string;
  senderKey: string;
  senderRole: string;
  senderName: string;
  createdAt: Date | string;
  reviewedAt: Date | string | null;
  reviewedByName: string | null;
  reviewReason: string | null;
}

/** API.md `PolicyViolation`, with the sender and the review. */
export function toViolationView(row: ViolationRow) {
  return {
    id: String(row.id),
    createdAt: new Date(row.createdAt).toISOString(),
    type: row.type,
    types: row.types,
    status: row.status,
    actionTaken: row.actionTaken,
    conversationId: String(row.conversationId),
    messageId: row.messageId,
    redactedText: row.redactedText,
    routeType: row.routeType,
    sender: { role: row.senderRole, displayName: row.senderName },
    review: row.reviewedAt ? { at: new Date(row.reviewedAt).toISOString(), by: row.reviewedByName, reason: row.reviewReason } : null,
  };
}

type Review = 'approve' | 'dismiss' | 'resolve';

/**
 * Policy violations (OPS §4.8, API.md): opened inside the send's transaction when the detector finds contact details,
 * with one audit event and, after commit, the `policy_violation` domain event; reviewed by an Owner (approve delivers
 * the message through messaging; dismiss and resolve leave it undelivered), each with a reason, audited, never deleted.
 */
const violations = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(VIOLATION_UID as any);
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;

  return {
    /** Opens one violation for a message the policy refused; joins the caller's transaction. */
    async open(message: OutboundToCheck, findings: Finding[], redactedText: string, actionTaken: 'blocked' | 'held'): Promise<ViolationRow> {
      const types = [...new Set(findings.map((f) => f.type))];
      const row = (await rows().create({
        data: {
          conversationId: message.conversationId,
          messageId: message.messageId,
          type: types[0],
          types,
          status: 'open',
          actionTaken,
          redactedText,
          routeType: message.routeType,
          senderKey: message.sender.key,
          senderRole: message.sender.role,
          senderName: message.sender.displayName,
        },
      })) as ViolationRow;
      await audit().record({
        actor: message.sender.role === 'automation' ? { kind: 'system' } : { kind: 'user', id: message.sender.key, displayName: message.sender.displayName, role: message.sender.role },
        action: AUDIT_ACTIONS.open,
        entity: { type: 'policy_violation', id: row.id },
        conversationId: message.conversationId,
        messageId: message.messageId,
        details: { types, actionTaken, routeType: message.routeType, redactedText },
      });
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() =>
          publishDomainEvent(strapi, {
            type: EVENTS.violation,
            source: PLUGIN,
            at: systemClock.now().toISOString(),
            subject: { type: 'policy_violation', id: String(row.id) },
            conversationId: String(message.conversationId),
            data: { messageId: message.messageId, types, actionTaken, routeType: message.routeType, redactedText, sender: { role: message.sender.role, displayName: message.sender.displayName } },
          }),
        );
      });
      return row;
    },

    async list(query: { status?: string; type?: string; conversationId?: number; from?: Date; to?: Date; page: number; pageSize: number }) {
      const where: Record<string, unknown> = {};
      if (query.status) where.status = query.status;
      if (query.type) where.type = query.type;
      if (query.conversationId) where.conversationId = query.conversationId;
      if (query.from || query.to) where.createdAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
      const [found, total] = await Promise.all([
        rows().findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }) as Promise<ViolationRow[]>,
        rows().count({ where }) as Promise<number>,
      ]);
      return { data: found.map(toViolationView), meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
    },

    /** Approve (delivers the message), dismiss or resolve an open violation; a second review → 409. */
    async review(id: number, review: Review, reason: string, actor: { id: number; displayName: string }) {
      return strapi.db.transaction(async ({ trx }) => {
        const now = systemClock.now();
        const existing = (await rows().findOne({ where: { id } })) as ViolationRow | null;
        if (!existing) throw new NotFoundError(SENTENCES.notFound);
        const status = review === 'dismiss' ? 'dismissed' : 'resolved';
        const changed = await trx('policy_violation')
          .where({ id, status: 'open' })
          .update({ status, ...(review === 'approve' ? { action_taken: 'overridden' } : {}), reviewed_at: now, reviewed_by_id: actor.id, reviewed_by_name: actor.displayName, review_reason: reason, updated_at: now });
        if (!changed) throw new ConflictError(SENTENCES.alreadyResolved);
        if (review === 'approve') await (strapi.plugin('messaging').service('client-threads') as ClientThreadsService).releaseBlocked(existing.messageId);
        await audit().record({
          actor: staffActor(actor),
          action: AUDIT_ACTIONS[review],
          entity: { type: 'policy_violation', id },
          conversationId: existing.conversationId,
          messageId: existing.messageId,
          details: { reason, status, types: existing.types },
        });
        return toViolationView((await rows().findOne({ where: { id } })) as ViolationRow);
      });
    },
  };
};

export type ViolationsService = ReturnType<typeof violations>;
export default violations;
