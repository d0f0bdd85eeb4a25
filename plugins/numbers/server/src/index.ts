import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { numbersActions } from './permissions';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi
      .service('admin::permission')
      .actionProvider.registerMany(numbersActions.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName: 'numbers' })));
  },

  config: { default: {}, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};

export { numbersActions, numbersAdminActions } from './permissions';
export type { InventoryService } from './services/inventory';
