/** Every name this plugin is known by: its id, its content-type UIDs, its audit actions. Nothing else spells them. */
export const PLUGIN = 'people';

export const BUSINESS_PROFILE_UID = 'plugin::people.business-profile';
export const VA_PROFILE_UID = 'plugin::people.va-profile';
export const SITTER_PROFILE_UID = 'plugin::people.sitter-profile';
export const CLIENT_UID = 'plugin::people.client';
export const ORGANISATION_UID = 'plugin::people.organisation';
/** users-permissions' user: the account every profile belongs to. */
export const USER_UID = 'plugin::users-permissions.user';

/** users-permissions content-API actions of this plugin (plugin::people.<controller>.<action>). */
export const CONTENT_API_ACTIONS = {
  profileFind: 'plugin::people.profile.find',
  profileUpdate: 'plugin::people.profile.update',
} as const;

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::people.<uid> (API.md "Operations plugins"). */
export const peopleActions = [
  { uid: 'read', displayName: 'View clients, sitters and the organisation' },
  { uid: 'manage', displayName: 'Create and change clients and the organisation' },
  // Owner only: the Messaging Admin role never gets it (peopleAdminActions below).
  { uid: 'manage-accounts', displayName: 'Create accounts and activate or deactivate sitters' },
] as const;

export type PeopleAction = (typeof peopleActions)[number]['uid'];
export const actionId = (uid: PeopleAction) => `plugin::people.${uid}`;

/** API.md: a Messaging Admin holds both. */
export const peopleAdminActions = [actionId('read'), actionId('manage')];

/** Audit actions this plugin writes. */
export const AUDIT_ACTIONS = {
  profileUpdate: 'profile.update',
  clientCreate: 'client.create',
  clientUpdate: 'client.update',
  clientDelete: 'client.delete',
  organisationUpdate: 'organisation.update',
  accountCreate: 'account.create',
} as const;
