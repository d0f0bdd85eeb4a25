/** Every name this plugin is known by: its id, its content-type UIDs, its admin and audit actions. Nothing else spells them. */
export const PLUGIN = 'routing';

export const OVERRIDE_UID = 'plugin::routing.override';
export const DECISION_UID = 'plugin::routing.decision';

/** pg-boss queue of override expiries (one job per override end; the conditional update makes it once). */
export const EXPIRY_QUEUE = 'routing-override-expiry';

/** Domain events this plugin publishes (README "Events"). */
export const EVENTS = { overrideExpired: 'override_expired' } as const;

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::routing.<uid> (API.md "Operations plugins"). */
export const routingActions = [
  { uid: 'read', displayName: 'View routing rules, simulate routing and read routing history' },
  { uid: 'override', displayName: 'Override routing (owner only)' },
] as const;

export type RoutingAction = (typeof routingActions)[number]['uid'];
export const actionId = (uid: RoutingAction) => `plugin::routing.${uid}`;

/** API.md: a Messaging Admin reads and simulates, never overrides. */
export const routingAdminActions = [actionId('read')];

/** Audit actions this plugin writes. */
export const AUDIT_ACTIONS = {
  overrideCreate: 'routing.override_create',
  overrideRemove: 'routing.override_remove',
  overrideExpire: 'routing.override_expire',
} as const;

/** API.md "Routing" sentences. */
export const SENTENCES = {
  onlyOwner: 'Only an owner can override routing.',
  threadNotFound: 'Thread not found. Create thread first?',
  overrideExists: 'Override already exists. Remove existing override first?',
  overrideExpired: 'Override expired. Routing returned to normal rules.',
  overrideNotFound: 'Override not found. It may have been removed already.',
  decisionNotFound: 'Routing decision not found.',
  reasonRequired: 'A reason is required.',
  sitterInactive: 'Sitter is inactive. Activate sitter first?',
  sitterNotFound: 'Sitter not found. Pick a sitter from the list.',
  notClientThread: 'Routing applies to client SMS threads only. Pick a client thread.',
} as const;
