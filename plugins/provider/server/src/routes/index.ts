const guarded = (method: string, path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::provider.${action}`] } }] },
});

export default {
  // API.md "Twilio webhooks": public routes, authenticated by the provider's signature.
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'POST', path: '/messaging/webhooks/twilio/sms', handler: 'webhook.inbound', config: { auth: false, prefix: '' } },
      { method: 'POST', path: '/messaging/webhooks/twilio/status', handler: 'webhook.status', config: { auth: false, prefix: '' } },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      guarded('GET', '/settings', 'settings.show', 'read-settings'),
      guarded('POST', '/settings/twilio', 'settings.connectTwilio', 'manage-settings'),
      guarded('POST', '/settings/sandbox', 'settings.useSandbox', 'manage-settings'),
      guarded('POST', '/settings/test', 'settings.test', 'read-settings'),
      guarded('GET', '/deliveries/dead-letters', 'settings.deadLetters', 'read-deliveries'),
      guarded('POST', '/deliveries/:id/retry', 'settings.retry', 'retry-deliveries'),
      guarded('GET', '/sandbox/phone', 'settings.phone', 'use-sandbox-phone'),
      guarded('POST', '/sandbox/phone/reply', 'settings.reply', 'use-sandbox-phone'),
    ],
  },
};
