/** Every name this plugin is known by: its id, its content-type UIDs, its tables, queues, actions and sentences. Nothing else spells them. */
export const PLUGIN = 'automations';

export const AUTOMATION_UID = 'plugin::automations.automation';
export const EXECUTION_UID = 'plugin::automations.execution';
export const AUTOMATION_TABLE = 'automation_definition';
export const EXECUTION_TABLE = 'automation_execution';

/** pg-boss queues: the runs (isolated from messaging's work, so a slow automation never slows a send) and the minute sweep. */
export const RUN_QUEUE = 'automations-run';
export const SWEEP_QUEUE = 'automations-sweep';

/** Domain events this plugin publishes (README "Events"); the alerts issue subscribes. */
export const EVENTS = { automationFailed: 'automation_failed', automationExecuted: 'automation_executed', task: 'task' } as const;

/** Domain events of the plugins below that start a run. */
export const TRIGGER_EVENTS = {
  bookingCreated: 'booking_created',
  bookingStatusChanged: 'booking_status_changed',
  messageReceived: 'message_received',
} as const;

/** Admin-panel actions, registered at bootstrap as plugin::automations.<uid> (API.md "Operations plugins"). */
export const automationsActions = [
  { uid: 'read', displayName: 'View automations, their tests and execution logs' },
  { uid: 'toggle', displayName: 'Activate and pause automations' },
  { uid: 'manage', displayName: 'Create, edit, test and archive automations' },
] as const;
export type AutomationsAction = (typeof automationsActions)[number]['uid'];
export const actionId = (uid: AutomationsAction) => `plugin::automations.${uid}`;

/** OPS §3.6 "Admin: Limited access (view, enable/disable; no create/edit)". */
export const automationsAdminActions = [actionId('read'), actionId('toggle')];

export const AUDIT_ACTIONS = {
  create: 'automation.create',
  update: 'automation.update',
  activate: 'automation.activate',
  pause: 'automation.pause',
  archive: 'automation.archive',
  selfPause: 'automation.self_pause',
} as const;

/** OPS §3.6 sentences (API.md "Automations" errors), and this plugin's own. */
export const SENTENCES = {
  testFirst: "Test automation before activating. Click 'Test' to simulate.",
  triggerRequired: 'Trigger is required. Configure trigger in Step 2.',
  actionRequired: 'At least one action is required. Add actions in Step 4.',
  undefinedVariables: (names: string[]) => `Template uses undefined variables: ${names.join(', ')}. Define variables first.`,
  notFound: 'Automation not found. It may have been archived.',
  archived: 'This automation is archived. Archived automations cannot be changed or activated.',
  alreadyArchived: 'This automation is already archived.',
  bookingNotFound: 'Booking not found. Pick another booking to test with.',
  threadNotFound: 'Thread not found. Create thread first?',
} as const;
