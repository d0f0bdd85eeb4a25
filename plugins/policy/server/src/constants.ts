import { defaults } from '@switchboard/config';

/** Every name this plugin is known by: its id, its content-type UID, its admin and audit actions. Nothing else spells them. */
export const PLUGIN = 'policy';

export const VIOLATION_UID = 'plugin::policy.violation';

/** Domain events this plugin publishes (README "Events"); the alerts issue subscribes. */
export const EVENTS = { violation: 'policy_violation' } as const;

/** Admin-panel actions, registered at bootstrap as plugin::policy.<uid>. */
export const policyActions = [
  { uid: 'read', displayName: 'View policy violations' },
  { uid: 'review', displayName: 'Approve, dismiss and resolve policy violations (owner only)' },
] as const;
export type PolicyAction = (typeof policyActions)[number]['uid'];
export const actionId = (uid: PolicyAction) => `plugin::policy.${uid}`;

/** OPS §2.2: a Messaging Admin views violations and does not act on them. */
export const policyAdminActions = [actionId('read')];

export const AUDIT_ACTIONS = {
  open: 'policy.violation_open',
  approve: 'policy.violation_approve',
  dismiss: 'policy.violation_dismiss',
  resolve: 'policy.violation_resolve',
  reveal: 'policy.violation_reveal',
} as const;

/** API.md "Anti-poaching policy" sentences. */
export const SENTENCES = {
  notFound: 'Violation not found. It may have been removed from view.',
  alreadyResolved: 'This violation is already resolved.',
  onlyOwner: 'Only an owner can review policy violations.',
  reasonRequired: 'A reason is required.',
  onlyOwnerReveal: 'Only an owner can reveal the original message.',
  exportTooLarge: `Export exceeds ${defaults.exportMaxRows.toLocaleString('en-US')} events. Narrow date range or filters.`,
} as const;
