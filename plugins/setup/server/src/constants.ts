/** Every name this plugin is known by: its id, admin actions and audit actions. Nothing else spells them. */
export const PLUGIN = 'setup';

/** Admin-panel actions, registered at bootstrap as plugin::setup.<uid> (API.md "Operations plugins"). */
export const setupActions = [
  { uid: 'read', displayName: "View the setup wizard's state, the system settings and the integration status" },
  { uid: 'manage', displayName: 'Run the setup wizard, change the system settings, test and repair the integration (owner only)' },
] as const;
export type SetupAction = (typeof setupActions)[number]['uid'];
export const actionId = (uid: SetupAction) => `plugin::setup.${uid}`;

/** OPS §3.8 and §3.9 "Admin (future): View-only access". */
export const setupAdminActions = [actionId('read')];

export const AUDIT_ACTIONS = { step: 'setup.step' } as const;

/** OPS §3.9 sentences (API.md "Setup and system settings"). */
export const SENTENCES = {
  connectionFailed: 'Unable to connect to Twilio. Check Account SID and Auth Token.',
  purchaseFailed: 'Unable to purchase number. Check account balance or try different area code.',
  stepClosed: (label: string) => `Complete "${label}" first: each step opens once the one before it is done.`,
  unknownStep: 'Setup step not found. The steps are connect_provider, verify_connectivity, front_desk_number, sitter_numbers, pool_numbers, webhooks and readiness.',
  ready: 'Messaging system is ready!',
} as const;
