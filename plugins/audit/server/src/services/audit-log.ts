import type { Core } from '@strapi/strapi';
import {
  auditRowFromInput,
  toAuditEventView,
  type AuditEventInput,
  type AuditEventRow,
  type AuditEventView,
  type AuditQuery,
} from '../domain/audit-event';

import { AUDIT_EVENT_UID } from '../constants';

/**
 * The one audit writer. Inside `strapi.db.transaction(...)` its insert joins the caller's
 * transaction, so an action and its audit row commit together or not at all.
 */
const auditLog = ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(input: AuditEventInput): Promise<AuditEventView> {
    const data = auditRowFromInput(input);
    const created = (await strapi.db.query(AUDIT_EVENT_UID).create({ data })) as AuditEventRow;
    return toAuditEventView(created);
  },

  async list(query: AuditQuery): Promise<{ data: AuditEventView[]; meta: { pagination: { page: number; pageSize: number; total: number } } }> {
    const where: Record<string, unknown> = {};
    if (query.conversationId) where.conversationId = query.conversationId;
    if (query.messageId) where.messageId = query.messageId;
    if (query.action) where.action = query.action;
    const [rows, total] = await Promise.all([
      strapi.db.query(AUDIT_EVENT_UID).findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }) as Promise<AuditEventRow[]>,
      strapi.db.query(AUDIT_EVENT_UID).count({ where }),
    ]);
    return {
      data: rows.map(toAuditEventView),
      meta: { pagination: { page: query.page, pageSize: query.pageSize, total: Number(total) } },
    };
  },
});

export type AuditLogService = ReturnType<typeof auditLog>;
export default auditLog;
