import { useAdminRights } from '@switchboard/kit/admin';

export interface PeopleRights {
  /** Create and edit clients, save the organisation (Owner and Messaging Admin). */
  manage: boolean;
  /** Create accounts, activate and deactivate sitters (Owner only). */
  manageAccounts: boolean;
}

/** What this admin may do on the People page; the server checks every write again. */
export function usePeopleRights(): PeopleRights {
  const { holds } = useAdminRights();
  return { manage: holds('plugin::people.manage'), manageAccounts: holds('plugin::people.manage-accounts') };
}
