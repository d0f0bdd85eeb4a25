import type { Core } from '@strapi/strapi';
import { applyMessagingIndexes } from '@switchboard/database';
import type { RealtimeService } from './services/realtime';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { messagingActions } from './permissions';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi
      .service('admin::permission')
      .actionProvider.registerMany(
        messagingActions.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName: 'messaging' })),
      );
    await applyMessagingIndexes(strapi.db.connection);
    await (strapi.plugin('messaging').service('realtime') as RealtimeService).start();
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
export { profileCompleteness } from './domain/profile';
export { BUSINESS_PROFILE_UID, VA_PROFILE_UID, SITTER_PROFILE_UID } from './services/profile';
