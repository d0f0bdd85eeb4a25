import type { Core } from '@strapi/strapi';
import { applyMessagingIndexes, applyMessagingTables } from '@switchboard/database';
import type { RealtimeService } from './services/realtime';
import type { MetricsService } from './services/metrics';
import type { ClientThreadsService } from './services/client-threads';
import type { OutboundService, WebhooksService } from '@switchboard/provider';
import type { ProfileService } from '@switchboard/people';
import type { ThreadsService } from '@switchboard/numbers';
import type { NumberThreadsService } from './services/number-threads';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { messagingActions } from './permissions';
import { watchSessions } from './services/session-watch';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.server.use((strapi.plugin('messaging').service('metrics') as MetricsService).httpCounter());
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi
      .service('admin::permission')
      .actionProvider.registerMany(
        messagingActions.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName: 'messaging' })),
      );
    await applyMessagingTables(strapi.db.connection);
    await applyMessagingIndexes(strapi.db.connection);
    await (strapi.plugin('messaging').service('realtime') as RealtimeService).start();
    // Sockets close the moment their person is deactivated, blocked, signed out or given another role.
    watchSessions(strapi);
    // Inbound SMS and delivery updates come from the provider plugin, which knows nothing of conversations.
    const clientThreads = strapi.plugin('messaging').service('client-threads') as ClientThreadsService;
    (strapi.plugin('provider').service('webhooks') as WebhooksService).onInbound((sms) => clientThreads.receiveInbound(sms));
    (strapi.plugin('provider').service('outbound') as OutboundService).onDelivery((update) => clientThreads.applyDelivery(update));
    // A business's completeness or gating changed (people plugin): tell its open sessions.
    const realtime = strapi.plugin('messaging').service('realtime') as RealtimeService;
    (strapi.plugin('people').service('profile') as ProfileService).onProfileUpdated((userId, profile) => realtime.profileUpdated(userId, profile));
    // The number inventory asks which client threads use a number, and moves them when it leaves service.
    (strapi.plugin('numbers').service('threads') as ThreadsService).fill(strapi.plugin('messaging').service('number-threads') as NumberThreadsService);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.plugin('messaging').service('realtime') as RealtimeService).stop();
  },
  config: { default: {}, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};

export { messagingActions, messagingAdminActions, appRolePermissions } from './permissions';
export { APP_ROLES, OWNER_ROLE, MESSAGING_ADMIN_ROLE } from './domain/roles';
