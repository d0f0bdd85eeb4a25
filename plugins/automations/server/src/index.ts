import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, automationsActions } from './constants';
import { getService } from './get-service';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, automationsActions);
    // The run queue and its minute sweep, then the domain events that trigger runs.
    await getService(strapi, 'runner').start();
    getService(strapi, 'triggers').start();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    getService(strapi, 'triggers').stop();
    await getService(strapi, 'runner').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { automationsActions, automationsAdminActions, EVENTS as AUTOMATIONS_EVENTS, AUDIT_ACTIONS as AUTOMATIONS_AUDIT_ACTIONS, AUTOMATION_UID } from './constants';
export type { AutomationsService } from './services/automations';
export type { RunnerService } from './services/runner';
export type { ExecutionsService } from './services/executions';
export type { SettingsService as AutomationSettingsService } from './services/settings';
export type { AutomationSettings } from './domain/settings';
