/** Every name this plugin is known by: its id, content-type UIDs, tables, admin and audit actions, queue and webhook routes. */
export const PLUGIN = 'provider';

export const SETTING_UID = 'plugin::provider.provider-setting';
export const OUTBOUND_UID = 'plugin::provider.outbound-message';
export const INBOUND_RECEIPT_UID = 'plugin::provider.inbound-receipt';
export const SANDBOX_PHONE_UID = 'plugin::provider.sandbox-phone-message';

/** The tables reached with knex directly (row locks, upserts on conflict); the same as the schemas' collectionName. */
export const TABLES = { outbound: 'outbound_message', inboundReceipt: 'inbound_receipt', webhookRefusals: 'provider_webhook_refusal', webhookReceipts: 'provider_webhook_receipt' } as const;

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::provider.<uid>. */
export const providerActions = [
  { uid: 'read-settings', displayName: 'View provider settings and status' },
  { uid: 'manage-settings', displayName: 'Connect the provider and change its settings' },
  { uid: 'read-deliveries', displayName: 'View delivery failures' },
  { uid: 'retry-deliveries', displayName: 'Retry failed deliveries' },
  { uid: 'use-sandbox-phone', displayName: 'Use the sandbox virtual phone' },
] as const;

export const ACTIONS = {
  readSettings: 'plugin::provider.read-settings',
  manageSettings: 'plugin::provider.manage-settings',
  readDeliveries: 'plugin::provider.read-deliveries',
  retryDeliveries: 'plugin::provider.retry-deliveries',
  useSandboxPhone: 'plugin::provider.use-sandbox-phone',
} as const;

/** OPS §2.2: Messaging Admins view settings and failures, and may use the sandbox phone. */
export const providerAdminActions: string[] = [ACTIONS.readSettings, ACTIONS.readDeliveries, ACTIONS.useSandboxPhone];

/** What the audit log calls this plugin's changes. */
export const AUDIT_ACTIONS = {
  connect: 'provider.connect',
  useSandbox: 'provider.use_sandbox',
  sandboxPhoneReply: 'provider.sandbox_phone_reply',
  setupComplete: 'provider.setup_complete',
  webhookUrl: 'provider.webhook_url',
} as const;

/** The pg-boss queue of outbound deliveries. */
export const DELIVERY_QUEUE = 'provider-delivery';

/** API.md "Twilio webhooks": the content-API routes the provider calls (served under /api). */
export const WEBHOOK_ROUTES = { inbound: '/messaging/webhooks/twilio/sms', status: '/messaging/webhooks/twilio/status' } as const;
