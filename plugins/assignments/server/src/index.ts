import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { assignmentsActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, assignmentsActions);
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { assignmentsActions, assignmentsAdminActions, BOOKING_UID } from './constants';
