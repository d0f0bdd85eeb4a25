/** Every name this plugin is known by: its id, its content-type UIDs, its admin and audit actions. Nothing else spells them. */
export const PLUGIN = 'numbers';

export const NUMBER_UID = 'plugin::numbers.number';
export const ASSIGNMENT_UID = 'plugin::numbers.number-assignment';

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::numbers.<uid> (OPS §3.1 "Permissions"). */
export const numbersActions = [
  { uid: 'read', displayName: 'View the number inventory' },
  { uid: 'assign', displayName: 'Assign numbers to sitters' },
  { uid: 'release', displayName: 'Release sitter numbers to the pool' },
  { uid: 'buy', displayName: 'Buy and import numbers' },
  { uid: 'quarantine', displayName: 'Quarantine numbers and release them after cooldown' },
  { uid: 'bulk', displayName: 'Bulk operations and CSV export' },
  { uid: 'manage-sitters', displayName: 'Activate and deactivate sitters' },
] as const;

export type NumbersAction = (typeof numbersActions)[number]['uid'];
export const actionId = (uid: NumbersAction) => `plugin::numbers.${uid}`;

/** OPS §3.1: a Messaging Admin may view, assign and release; no purchase, no quarantine, no bulk operations. */
export const numbersAdminActions = [actionId('read'), actionId('assign'), actionId('release')];

/** Audit actions this plugin writes (entity type `number`, or the sitter's user id for sitter.*). */
export const AUDIT_ACTIONS = {
  buy: 'number.buy',
  import: 'number.import',
  bulkImport: 'number.bulk_import',
  assign: 'number.assign',
  release: 'number.release',
  quarantine: 'number.quarantine',
  /** An active pool number made the Front Desk number, replacing one being quarantined. */
  promoteFrontDesk: 'number.promote_front_desk',
  releaseQuarantine: 'number.release_quarantine',
  bulk: (action: 'quarantine' | 'release' | 'assign') => `number.bulk_${action}`,
  sitterActivate: 'sitter.activate',
  sitterDeactivate: 'sitter.deactivate',
  /** A number's webhook addresses set back to ours after the drift check found them changed at the provider. */
  webhooksRepaired: 'number.webhooks_repaired',
} as const;

/** Domain events this plugin publishes (README "Events"); alerts subscribes. */
export const EVENTS = { numberAssigned: 'number_assigned', providerError: 'provider_error' } as const;

/** The pg-boss queue of the webhook drift check (one node at a time). */
export const DRIFT_QUEUE = 'numbers-webhook-drift';
