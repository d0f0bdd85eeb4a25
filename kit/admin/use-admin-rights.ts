import { useCallback } from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { holdsAction } from './holds-action';

/**
 * What the signed-in admin may do, read from the permissions the admin panel loaded for them and followed as they
 * arrive or change. Every page asks this way instead of Strapi's `useRBAC`, which checks once on mount: a page opened
 * before the panel had fetched the permissions kept "not allowed" for good (an Owner's "Create automation" button
 * stayed hidden). Our plugins' actions carry no conditions, so holding the action is the whole answer in the browser;
 * the server checks again on every request.
 */
export function useAdminRights(): { holds: (action: string) => boolean; isLoading: boolean } {
  const held = useAuth('useAdminRights', (state) => state.permissions);
  const loading = useAuth('useAdminRights', (state) => state.isLoading);
  const holds = useCallback((action: string) => holdsAction(held, action), [held]);
  return { holds, isLoading: Boolean(loading) };
}
