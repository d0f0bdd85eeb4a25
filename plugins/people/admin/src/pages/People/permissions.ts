import { useAuth } from '@strapi/strapi/admin';

export interface PeopleRights {
  /** Create and edit clients, save the organisation (Owner and Messaging Admin). */
  manage: boolean;
  /** Create accounts, activate and deactivate sitters (Owner only). */
  manageAccounts: boolean;
}

/**
 * What this admin may do on the People page; the server checks every write again. Read from the signed-in admin's
 * permissions as they arrive (useRBAC checks once, and after a reload it can check before they have loaded).
 */
export function usePeopleRights(): PeopleRights {
  const permissions = useAuth('PeoplePage', (state) => state.permissions);
  const holds = (action: string) => permissions.some((p) => p.action === action);
  return { manage: holds('plugin::people.manage'), manageAccounts: holds('plugin::people.manage-accounts') };
}
