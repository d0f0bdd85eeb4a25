/** Every name this plugin is known by: its id, its content-type UIDs, its admin and audit actions. Nothing else spells them. */
export const PLUGIN = 'assignments';

export const BOOKING_UID = 'plugin::assignments.booking';
export const WINDOW_UID = 'plugin::assignments.window';

/** pg-boss queue of window edges (start, end), and the table that records each edge fired once. */
export const TRANSITIONS_QUEUE = 'assignments-window-transitions';
export const TRANSITION_TABLE = 'assignment_window_transition';

/** Domain events this plugin publishes (README "Events"). */
export const EVENTS = { windowConflict: 'window_conflict', windowStarting: 'window_starting', bookingCreated: 'booking_created', bookingStatusChanged: 'booking_status_changed' } as const;

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::assignments.<uid> (API.md "Operations plugins"). */
export const assignmentsActions = [
  { uid: 'read', displayName: 'View bookings and assignment windows' },
  { uid: 'manage', displayName: 'Create and change bookings and assignment windows' },
] as const;

export type AssignmentsAction = (typeof assignmentsActions)[number]['uid'];
export const actionId = (uid: AssignmentsAction) => `plugin::assignments.${uid}`;

/** API.md: a Messaging Admin holds both. */
export const assignmentsAdminActions = [actionId('read'), actionId('manage')];

/** Audit actions this plugin writes. */
export const AUDIT_ACTIONS = {
  bookingCreate: 'booking.create',
  bookingUpdate: 'booking.update',
  bookingDelete: 'booking.delete',
  windowCreate: 'window.create',
  windowUpdate: 'window.update',
  windowDelete: 'window.delete',
  windowResolveConflict: 'window.resolve_conflict',
} as const;
