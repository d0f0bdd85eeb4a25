import { useRBAC } from '@strapi/strapi/admin';

// Module-level so useRBAC sees the same array on every render (it re-checks when the array changes).
const PEOPLE_PERMISSIONS = [
  { action: 'plugin::people.read', subject: null },
  { action: 'plugin::people.manage', subject: null },
  { action: 'plugin::people.manage-accounts', subject: null },
];

export interface PeopleRights {
  /** Create and edit clients, save the organisation (Owner and Messaging Admin). */
  manage: boolean;
  /** Create accounts, activate and deactivate sitters (Owner only). */
  manageAccounts: boolean;
  loading: boolean;
}

/** What this admin may do on the People page; the server checks every write again. */
export function usePeopleRights(): PeopleRights {
  const { allowedActions, isLoading } = useRBAC(PEOPLE_PERMISSIONS);
  return { manage: Boolean(allowedActions.canManage), manageAccounts: Boolean(allowedActions.canManageAccounts), loading: isLoading };
}
