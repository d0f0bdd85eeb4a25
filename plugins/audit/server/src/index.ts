import type { Core } from '@strapi/strapi';
import { applyAuditAppendOnly } from '@switchboard/database';
import contentTypes from './content-types';
import services from './services';
import { auditActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, auditActions);
    // Strapi has created the table by now; the database itself keeps it append-only.
    await applyAuditAppendOnly(strapi.db.connection);
  },
  contentTypes,
  services,
});

export { auditActions, ACTIONS as AUDIT_ACTIONS, AUDIT_EVENT_UID } from './constants';
export type { AuditLogService } from './services/audit-log';
export type { AuditEventInput, AuditEventView, AuditActor } from './domain/audit-event';
export { auditQuerySchema, adminDisplayName, staffActor } from './domain/audit-event';
