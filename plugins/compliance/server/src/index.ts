import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, complianceActions } from './constants';

export default definePlugin({
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, complianceActions);
  },
  controllers,
  routes,
  services,
});

export { complianceActions, complianceAdminActions, EVENTS as COMPLIANCE_EVENTS, AUDIT_ACTIONS as COMPLIANCE_AUDIT_ACTIONS } from './constants';
export type { TimelineService, TimelineEvent } from './services/timeline';
