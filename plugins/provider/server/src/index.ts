import type { Core } from '@strapi/strapi';
import { applyProviderIndexes } from '@switchboard/database';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { providerActions } from './permissions';
import type { OutboundService } from './services/outbound';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi
      .service('admin::permission')
      .actionProvider.registerMany(providerActions.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName: 'provider' })));
    await applyProviderIndexes(strapi.db.connection);
    await (strapi.plugin('provider').service('outbound') as OutboundService).start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.plugin('provider').service('outbound') as OutboundService).stop();
  },

  config: { default: {}, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};

export { providerActions, providerAdminActions } from './permissions';
export type { OutboundService, DeliveryUpdate } from './services/outbound';
export type { WebhooksService, InboundSms } from './services/webhooks';
export type { ProviderSettingsService } from './services/settings';
export { ProviderFailure } from './services/errors';
export type { MessagingProvider, ProviderNumber, AvailableNumber } from './domain/provider';
