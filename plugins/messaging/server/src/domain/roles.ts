// The app roles are people's (DOMAIN.md "Actors"); messaging re-exports them for its callers.
export { APP_ROLES, isAppRole, type AppRole } from '@switchboard/people';

/** Admin-panel roles created at bootstrap. */
export const OWNER_ROLE = { name: 'Owner', code: 'switchboard-owner', description: 'Runs the business: every Switchboard action (OPS §2.1).' } as const;
export const MESSAGING_ADMIN_ROLE = {
  name: 'Messaging Admin',
  code: 'switchboard-messaging-admin',
  description: 'Works the inbox and talks to VAs; masquerades only with a grant (OPS §2.2, PRD §6.1).',
} as const;
