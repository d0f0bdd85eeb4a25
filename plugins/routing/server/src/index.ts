import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, routingActions } from './constants';
import { getService } from './get-service';

export default definePlugin({
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, routingActions);
    // History pages and the rules table read decisions by thread and by time; the inbox by message.
    const knex = strapi.db.connection;
    await knex.raw('CREATE INDEX IF NOT EXISTS routing_decision_conversation_at ON routing_decision (conversation_id, at DESC, id DESC)');
    await knex.raw('CREATE INDEX IF NOT EXISTS routing_decision_at ON routing_decision (at DESC, id DESC)');
    await knex.raw('CREATE INDEX IF NOT EXISTS routing_decision_message ON routing_decision (message_id)');
    await knex.raw('CREATE INDEX IF NOT EXISTS routing_override_conversation ON routing_override (conversation_id, status)');
    // Messaging asks routing who receives an inbound SMS (its routing port).
    getService(strapi, 'port').fill();
    await getService(strapi, 'overrides').start();
  },
  destroy({ strapi }: { strapi: Core.Strapi }) {
    getService(strapi, 'overrides').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { routingActions, routingAdminActions, OVERRIDE_UID, DECISION_UID, EVENTS as ROUTING_EVENTS, AUDIT_ACTIONS as ROUTING_AUDIT_ACTIONS } from './constants';
export { evaluate } from './domain/evaluate';
export type { RoutingSnapshot, RoutingEvaluation } from './domain/evaluate';
export type { EngineService } from './services/engine';
export type { DecisionsService } from './services/decisions';
export type { OverridesService } from './services/overrides';
export type { RoutingSettingsService } from './services/settings';
export type { RoutingSettings } from './domain/settings';
