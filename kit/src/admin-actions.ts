/** An admin-panel action a plugin offers (its uid becomes `plugin::<plugin>.<uid>`). */
export interface AdminAction {
  readonly uid: string;
  readonly displayName: string;
}

// Structural, so kit needs no Strapi types: Strapi's `service('admin::permission')` answers the action provider.
type StrapiWithPermissions = { service: (name: any) => any };

/** Registers a plugin's admin actions at bootstrap, in the Plugins section of the roles page. */
export async function registerAdminActions(strapi: StrapiWithPermissions, pluginName: string, actions: readonly AdminAction[]): Promise<void> {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(actions.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName })));
}

/**
 * An admin route (served at /<plugin>/<path> with the admin token) that a signed-in admin reaches only holding one of
 * these admin actions (`plugin::<plugin>.<uid>`): Strapi's own policies, declared once for every plugin.
 */
export function guardedAdminRoute(method: string, path: string, handler: string, actions: string | readonly string[]) {
  return {
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: typeof actions === 'string' ? [actions] : [...actions] } }] },
  };
}
