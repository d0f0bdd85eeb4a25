import type { Core } from '@strapi/strapi';
import { applyAuditAppendOnly } from '@switchboard/database';
import contentTypes from './content-types';
import services from './services';
import { auditActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import { getService } from './get-service';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, auditActions);
    // Strapi has created the table by now; the database itself keeps it append-only.
    await applyAuditAppendOnly(strapi.db.connection);
    // The compliance timeline's filters, each read newest first; the chain's places are unique.
    for (const sql of [
      'CREATE INDEX IF NOT EXISTS audit_event_conversation_id ON audit_event (conversation_id, id DESC)',
      'CREATE INDEX IF NOT EXISTS audit_event_actor_id ON audit_event (actor_id, id DESC)',
      'CREATE INDEX IF NOT EXISTS audit_event_entity ON audit_event (entity_type, entity_id, id DESC)',
      'CREATE INDEX IF NOT EXISTS audit_event_action ON audit_event (action text_pattern_ops, id DESC)',
      'CREATE INDEX IF NOT EXISTS audit_event_created_at ON audit_event (created_at, id DESC)',
      'CREATE UNIQUE INDEX IF NOT EXISTS audit_event_chain_seq ON audit_event (chain_seq) WHERE chain_seq IS NOT NULL',
      'CREATE INDEX IF NOT EXISTS audit_event_unsealed ON audit_event (id) WHERE chain_hash IS NULL',
    ]) {
      await strapi.db.connection.raw(sql);
    }
    // The hash chain's sealing job (issue 19 item 7).
    await getService(strapi, 'audit-log').startSealer();
  },
  contentTypes,
  services,
});

export { auditActions, ACTIONS as AUDIT_ACTIONS, AUDIT_EVENT_UID } from './constants';
export type { AuditLogService, AuditTimelineEvent, ChainReport } from './services/audit-log';
export type { AuditEventInput, AuditEventView, AuditActor, AuditSearch } from './domain/audit-event';
export { auditQuerySchema, adminDisplayName, staffActor } from './domain/audit-event';
export { auditedSettings } from './settings';
