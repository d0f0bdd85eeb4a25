/** Every name this plugin is known by: its id, its content-type UIDs, its audit actions. Nothing else spells them. */
export const PLUGIN = 'people';

export const BUSINESS_PROFILE_UID = 'plugin::people.business-profile';
export const VA_PROFILE_UID = 'plugin::people.va-profile';
export const SITTER_PROFILE_UID = 'plugin::people.sitter-profile';
/** users-permissions' user: the account every profile belongs to. */
export const USER_UID = 'plugin::users-permissions.user';

/** users-permissions content-API actions of this plugin (plugin::people.<controller>.<action>). */
export const CONTENT_API_ACTIONS = {
  profileFind: 'plugin::people.profile.find',
  profileUpdate: 'plugin::people.profile.update',
} as const;

/** Audit actions this plugin writes. */
export const AUDIT_ACTIONS = {
  profileUpdate: 'profile.update',
} as const;
