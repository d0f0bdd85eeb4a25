import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, setupActions } from './constants';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, setupActions);
  },
  controllers,
  routes,
  services,
});

export { setupActions, setupAdminActions } from './constants';
export type { WizardService } from './services/wizard';
export type { SystemSettingsService } from './services/system-settings';
export type { IntegrationService } from './services/integration';
