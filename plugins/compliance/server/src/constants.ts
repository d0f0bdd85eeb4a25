import { defaults } from '@switchboard/config';
import { PROVIDER_ACTIONS } from '@switchboard/provider';

/** Every name this plugin is known by: its id, its content-type UID, its admin and audit actions. Nothing else spells them. */
export const PLUGIN = 'compliance';

export const DELIVERY_FAILURE_UID = 'plugin::compliance.delivery-failure';
export const DELIVERY_FAILURE_TABLE = 'compliance_delivery_failure';

/** The pg-boss queue of the stuck-delivery sweep (one at a time, every minute). */
export const STUCK_SWEEP_QUEUE = 'compliance-stuck-deliveries';

/** Domain events this plugin publishes (README "Events"); the alerts issue subscribes. */
export const EVENTS = { deliveryFailure: 'delivery_failure' } as const;

/** Admin-panel actions, registered at bootstrap as plugin::compliance.<uid> (API.md "Operations plugins"). */
export const complianceActions = [
  { uid: 'read', displayName: 'View the audit timeline, delivery failures and analytics' },
  { uid: 'export', displayName: 'Export the audit timeline, feeds and analytics to CSV' },
  { uid: 'resolve', displayName: 'Resolve delivery failures (owner only)' },
] as const;
export type ComplianceAction = (typeof complianceActions)[number]['uid'];
export const actionId = (uid: ComplianceAction) => `plugin::compliance.${uid}`;

/** OPS §3.5 "Admin: view-only access (view audits, export; no resolution)". */
export const complianceAdminActions = [actionId('read'), actionId('export')];

/** A manual delivery retry is always the Owner's (API.md "Operations plugins"), with provider's action. */
export const RETRY_DELIVERIES_ACTION = PROVIDER_ACTIONS.retryDeliveries;

export const AUDIT_ACTIONS = {
  exportTimeline: 'compliance.audit_export',
  verifyChain: 'compliance.chain_verify',
  deliveryFailed: 'delivery.failed',
  deliveryRetry: 'delivery.retry',
  deliveryResolve: 'delivery.resolve',
  exportFailures: 'compliance.delivery_failures_export',
} as const;

/** OPS §3.5 and §4.7 sentences, and this plugin's own. */
export const SENTENCES = {
  exportTooLarge: `Export exceeds ${defaults.exportMaxRows.toLocaleString('en-US')} events. Narrow date range or filters.`,
  noEvents: 'No events match filters. Adjust filters and try again.',
  pageTooDeep: `Pages reach back ${defaults.exportMaxRows.toLocaleString('en-US')} events. Use beforeId to read further back.`,
  onlyOwnerRetry: 'Only an owner can retry a delivery.',
  onlyOwnerResolve: 'Only an owner can resolve a delivery failure.',
  failureNotFound: 'Delivery failure not found. It may have been resolved.',
  alreadyResolved: 'This delivery failure is already resolved.',
  notRetryable: 'This message is not waiting for a retry.',
  unknownNumber: 'number must be one of your business numbers, in E.164 like +14155550100.',
} as const;
