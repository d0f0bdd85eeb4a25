import type { Core } from '@strapi/strapi';
import { applyProviderIndexes } from '@switchboard/database';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, providerActions } from './constants';
import { getService } from './get-service';
import { definePlugin, registerAdminActions } from '@switchboard/kit';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, providerActions);
    await applyProviderIndexes(strapi.db.connection);
    await getService(strapi, 'usage').ensureTables();
    await getService(strapi, 'delivery').start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'delivery').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { providerActions, providerAdminActions, ACTIONS as PROVIDER_ACTIONS, AUDIT_ACTIONS as PROVIDER_AUDIT_ACTIONS } from './constants';
export type { OutboundService, DeliveryUpdate } from './services/outbound';
export type { WebhooksService, InboundSms } from './services/webhooks';
export type { ProviderSettingsService } from './services/settings';
export type { UsageService, NumberUsage, DeliveryErrorRecord } from './services/usage';
export type { ReadinessService } from './services/readiness';
export type { DeliverySettingsService } from './services/delivery-settings';
export type { DeliverySettings } from './domain/delivery-settings';
export type { WebhookEndpoint } from './services/usage';
export { SETUP_INCOMPLETE, WEBHOOK_FAILED } from './services/readiness';
export type { MessagingProvider, ProviderNumber, AvailableNumber, WebhookUrls } from './domain/provider';
