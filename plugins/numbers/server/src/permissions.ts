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

/** OPS §3.1: a Messaging Admin may view, assign and release; no purchase, no quarantine, no bulk operations. */
export const numbersAdminActions = ['plugin::numbers.read', 'plugin::numbers.assign', 'plugin::numbers.release'];
