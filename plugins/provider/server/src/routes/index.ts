import { guardedAdminRoute } from '@switchboard/kit';
import { ACTIONS, WEBHOOK_ROUTES } from '../constants';

const guarded = (method: string, path: string, handler: string, action: string) => guardedAdminRoute(method, path, handler, action);

export default {
  // API.md "Twilio webhooks": public routes, authenticated by the provider's signature.
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'POST', path: WEBHOOK_ROUTES.inbound, handler: 'webhook.inbound', config: { auth: false, prefix: '' } },
      { method: 'POST', path: WEBHOOK_ROUTES.status, handler: 'webhook.status', config: { auth: false, prefix: '' } },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      guarded('GET', '/settings', 'settings.show', ACTIONS.readSettings),
      guarded('POST', '/settings/twilio', 'settings.connectTwilio', ACTIONS.manageSettings),
      guarded('POST', '/settings/sandbox', 'settings.useSandbox', ACTIONS.manageSettings),
      guarded('GET', '/settings/delivery', 'settings.delivery', ACTIONS.readSettings),
      guarded('PUT', '/settings/delivery', 'settings.updateDelivery', ACTIONS.manageSettings),
      guarded('PUT', '/settings/webhook', 'settings.updateWebhook', ACTIONS.manageSettings),
      guarded('POST', '/settings/test', 'settings.test', ACTIONS.readSettings),
      guarded('GET', '/deliveries/dead-letters', 'deliveries.deadLetters', ACTIONS.readDeliveries),
      guarded('POST', '/deliveries/:id/retry', 'deliveries.retry', ACTIONS.retryDeliveries),
      guarded('GET', '/sandbox/phone', 'sandbox-phone.conversation', ACTIONS.useSandboxPhone),
      guarded('POST', '/sandbox/phone/reply', 'sandbox-phone.reply', ACTIONS.useSandboxPhone),
    ],
  },
};
