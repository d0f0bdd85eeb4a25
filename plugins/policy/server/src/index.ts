import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, policyActions } from './constants';
import { getService } from './get-service';

export default definePlugin({
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, policyActions);
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS policy_violation_status_created ON policy_violation (status, created_at DESC, id DESC)');
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS policy_violation_conversation ON policy_violation (conversation_id, created_at DESC)');
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS policy_violation_message ON policy_violation (message_id)');
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS policy_violation_created ON policy_violation (created_at DESC, id DESC)');
    // Messaging asks policy whether a message to or from a client may reach the other side (its policy port).
    getService(strapi, 'port').fill();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { policyActions, policyAdminActions, VIOLATION_UID, EVENTS as POLICY_EVENTS, AUDIT_ACTIONS as POLICY_AUDIT_ACTIONS } from './constants';
export { detectContacts, redact, REDACTION } from './domain/detector';
export { blockedNotice, heldNotice, violationTitle } from './domain/notices';
export { TYPE_TITLES } from './domain/labels';
export type { ContactType, Finding } from './domain/detector';
export type { ViolationsService, ViolationView } from './services/violations';
export type { PolicySettingsService } from './services/settings';
export type { PolicySettings } from './domain/settings';
