/** users-permissions role types of the people who use the web app (DOMAIN.md "Actors"). */
export const APP_ROLES = ['business', 'va', 'sitter'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const isAppRole = (value: unknown): value is AppRole => APP_ROLES.includes(value as AppRole);

/** Admin-panel roles created at bootstrap. */
export const OWNER_ROLE = { name: 'Owner', code: 'switchboard-owner', description: 'Runs the business: every Switchboard action (OPS §2.1).' } as const;
export const MESSAGING_ADMIN_ROLE = {
  name: 'Messaging Admin',
  code: 'switchboard-messaging-admin',
  description: 'Works the inbox and talks to VAs; masquerades only with a grant (OPS §2.2, PRD §6.1).',
} as const;
