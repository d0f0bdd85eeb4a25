import { useAdminRights } from '@switchboard/kit/admin';

/**
 * Whether this admin may write assignments (`plugin::assignments.manage`: Owner and Messaging Admin); the server checks
 * every write again. Read from the signed-in admin's permissions as they arrive.
 */
export function useCanManage(): boolean {
  return useAdminRights().holds('plugin::assignments.manage');
}

/**
 * Whether this admin may override routing (`plugin::routing.override`: Owners only), which is how a window's rules are
 * overridden (OPS §3.3 action 6); the routing plugin's server checks again.
 */
export function useCanOverride(): boolean {
  return useAdminRights().holds('plugin::routing.override');
}
