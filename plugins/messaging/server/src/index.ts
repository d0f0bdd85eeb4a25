import type { Core } from '@strapi/strapi';
import { applyMessagingIndexes, applyMessagingTables } from '@switchboard/database';
import { PLUGIN } from './constants';
import { getService, numbersSitterNotices, numbersThreads, peopleProfiles, providerOutbound, providerWebhooks } from './get-service';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { messagingActions } from './permissions';
import { watchSessions } from './services/session-watch';
import { definePlugin, registerAdminActions } from '@switchboard/kit';

export default definePlugin({
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.server.use(getService(strapi, 'metrics').httpCounter());
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, messagingActions);
    await applyMessagingTables(strapi.db.connection);
    await applyMessagingIndexes(strapi.db.connection);
    await getService(strapi, 'realtime').start();
    getService(strapi, 'metrics').startSloFlush();
    // Sockets close the moment their person is deactivated, blocked, signed out or given another role.
    watchSessions(strapi);
    // Inbound SMS and delivery updates come from the provider plugin, which knows nothing of conversations.
    const clientThreads = getService(strapi, 'client-threads');
    providerWebhooks(strapi).onInbound((sms) => clientThreads.receiveInbound(sms));
    providerOutbound(strapi).onDelivery((update) => clientThreads.applyDelivery(update));
    // A business's completeness or gating changed (people plugin): tell its open sessions.
    const realtime = getService(strapi, 'realtime');
    peopleProfiles(strapi).onProfileUpdated((userId, profile) => realtime.profileUpdated(userId, profile));
    // The number inventory asks which client threads use a number, and moves them when it leaves service.
    numbersThreads(strapi).fill(getService(strapi, 'number-threads'));
    // The number inventory tells a sitter about their number (activation) in their Admin team thread.
    numbersSitterNotices(strapi).fill(getService(strapi, 'sitter-notices'));
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'realtime').stop();
    await getService(strapi, 'metrics').stopSloFlush();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { messagingActions, messagingAdminActions, appRolePermissions } from './permissions';
export { APP_ROLES, OWNER_ROLE, MESSAGING_ADMIN_ROLE } from './domain/roles';
export type { ConversationsService } from './services/conversations';
export type { MessagingSettingsService } from './services/settings';
export type { MessagingSettings } from './domain/settings';
export type { DirectoryService } from './services/directory';
export type { SitterNoticesService } from './services/sitter-notices';
export type { ClientThreadsService, ClientThreadSpec, ClientThread, AutomatedSend } from './services/client-threads';
export type { SitterAccessService, SitterWindowChange } from './services/sitter-access';
export type { SitterAccessPort, SitterStanding, SitterThreadAccess, SitterWindowRef } from './domain/sitter-access';
export type { ThreadAssignmentsService } from './services/thread-assignments';
export type { ThreadAssignment, ThreadAssignmentsPort } from './domain/thread-assignments';
export type { RoutingPort, RoutingRuleId, InboundTarget, InboundToRoute, InboundRouting, MessageRouting, ThreadOverride, SitterOverride } from './domain/routing-port';
export { NO_ROUTING } from './domain/routing-port';
export type { PolicyPort, MessageToCheck, PolicyVerdict, MessageViolation } from './domain/policy-port';
export type { DeliveryFailuresPort, MessageDeliveryFailure } from './domain/delivery-failures-port';
export type { DeliveryFailuresService } from './services/delivery-failures';
export type { StatsService, ResponseStats, ResponseGroup, VolumeStats } from './services/stats';
export { NO_POLICY } from './domain/policy-port';
export { SLO_DELIVERY_P50_MS, SLO_DELIVERY_P95_MS } from './services/metrics';
