import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, alertsActions } from './constants';
import { getService } from './get-service';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, alertsActions);
    await getService(strapi, 'alerts').ensureIndexes();
    await getService(strapi, 'escalations').ensureIndexes();
    await getService(strapi, 'settings').moveSlaToMessaging();
    // The other plugins' events, the backfill of what is already open, and the minute sweep.
    await getService(strapi, 'sources').start();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'sources').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { alertsActions, alertsAdminActions, AUDIT_ACTIONS as ALERTS_AUDIT_ACTIONS } from './constants';
export type { AlertsService } from './services/alerts';
export type { EscalationsService } from './services/escalations';
export type { SourcesService } from './services/sources';
export type { AlertSettingsService } from './services/settings';
export type { AlertSettings } from './domain/settings';
