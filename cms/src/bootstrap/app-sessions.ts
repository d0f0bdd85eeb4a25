import type { Core } from '@strapi/strapi';

const UP_PERMISSION = 'plugin::users-permissions.permission';

/**
 * users-permissions grants its session actions to its own "authenticated" role only; app users have the
 * business, va and sitter roles, so without this they could not sign out (the refresh cookie would live on).
 */
export const APP_SESSION_ACTIONS = ['plugin::users-permissions.auth.logout'];

export async function ensureAppSessionPermissions(strapi: Core.Strapi, roleIds: Record<string, number>): Promise<void> {
  for (const roleId of Object.values(roleIds)) {
    for (const action of APP_SESSION_ACTIONS) {
      const existing = await strapi.db.query(UP_PERMISSION).findOne({ where: { role: roleId, action } });
      if (!existing) await strapi.db.query(UP_PERMISSION).create({ data: { action, role: roleId } });
    }
  }
}
