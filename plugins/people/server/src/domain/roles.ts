/** users-permissions role types of the people who use the web app (DOMAIN.md "Actors"). */
export const APP_ROLES = ['business', 'va', 'sitter'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const isAppRole = (value: unknown): value is AppRole => APP_ROLES.includes(value as AppRole);
