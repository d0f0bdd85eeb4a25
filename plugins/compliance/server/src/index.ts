import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { PLUGIN, complianceActions } from './constants';
import { getService } from './get-service';

export default definePlugin({
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, complianceActions);
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS compliance_delivery_failure_feed ON compliance_delivery_failure (status, first_failed_at DESC, id DESC)');
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS compliance_delivery_failure_thread ON compliance_delivery_failure (conversation_id, status)');
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS compliance_delivery_failure_message ON compliance_delivery_failure (message_id)');
    // Provider's delivery listener, messaging's delivery-failures port, the stuck sweep.
    await getService(strapi, 'delivery-failures').start();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { complianceActions, complianceAdminActions, EVENTS as COMPLIANCE_EVENTS, AUDIT_ACTIONS as COMPLIANCE_AUDIT_ACTIONS } from './constants';
export type { TimelineService, TimelineEvent } from './services/timeline';
export type { DeliveryFailuresService } from './services/delivery-failures';
export type { DeliveryFailureView } from './domain/delivery-failures';
