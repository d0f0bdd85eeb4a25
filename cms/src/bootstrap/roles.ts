import type { Core } from '@strapi/strapi';
import { APP_ROLES, MESSAGING_ADMIN_ROLE, OWNER_ROLE, appRolePermissions, messagingAdminActions } from '@switchboard/messaging';
import { providerAdminActions } from '@switchboard/provider';
import { numbersAdminActions } from '@switchboard/numbers';
import { peopleAdminActions } from '@switchboard/people';
import { assignmentsAdminActions, SITTER_WINDOWS_ACTION } from '@switchboard/assignments';
import { routingAdminActions } from '@switchboard/routing';
import { policyAdminActions } from '@switchboard/policy';
import { complianceAdminActions } from '@switchboard/compliance';
import { automationsAdminActions } from '@switchboard/automations';
import { alertsAdminActions } from '@switchboard/alerts';
import { setupAdminActions } from '@switchboard/setup';

const UP_ROLE = 'plugin::users-permissions.role';
const UP_PERMISSION = 'plugin::users-permissions.permission';
// The plugins whose content-API actions the app roles get; their other actions (old names included) are taken back.
const MANAGED_PREFIXES = ['plugin::messaging.', 'plugin::people.', 'plugin::assignments.'];

const APP_ROLE_TEXT: Record<(typeof APP_ROLES)[number], { name: string; description: string }> = {
  business: { name: 'Business', description: 'A business messaging the Admin team from the web app.' },
  va: { name: 'VA', description: 'A virtual assistant talking to the Admin team.' },
  sitter: { name: 'Sitter', description: 'A sitter talking to clients through a masked number.' },
};

/** Creates the business, va and sitter roles and gives each exactly the content-API actions it needs. */
export async function ensureAppRoles(strapi: Core.Strapi): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const type of APP_ROLES) {
    let role = await strapi.db.query(UP_ROLE).findOne({ where: { type } });
    if (!role) role = await strapi.db.query(UP_ROLE).create({ data: { type, ...APP_ROLE_TEXT[type] } });
    ids[type] = role.id;
    // A sitter also reads their own assignment windows (GET /api/assignments/windows).
    const wanted = [...appRolePermissions[type], ...(type === 'sitter' ? [SITTER_WINDOWS_ACTION] : [])];
    const existing: { id: number; action: string }[] = await strapi.db
      .query(UP_PERMISSION)
      .findMany({ where: { role: role.id, $or: MANAGED_PREFIXES.map((prefix) => ({ action: { $startsWith: prefix } })) } });
    for (const action of wanted) {
      if (!existing.some((p) => p.action === action)) {
        await strapi.db.query(UP_PERMISSION).create({ data: { action, role: role.id } });
      }
    }
    // A permission we no longer grant is taken back, so a role never keeps more than it needs.
    const extra = existing.filter((p) => !wanted.includes(p.action));
    if (extra.length > 0) await strapi.db.query(UP_PERMISSION).deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
  }
  return ids;
}

/** Creates the Owner and Messaging Admin admin roles and sets their plugin actions. */
export async function ensureAdminRoles(strapi: Core.Strapi): Promise<{ owner: number; messagingAdmin: number }> {
  const roleService = strapi.service('admin::role');
  const ensure = async (spec: { name: string; code: string; description: string }) =>
    (await roleService.findOne({ code: spec.code })) ?? (await roleService.create(spec));
  const owner = await ensure(OWNER_ROLE);
  const messagingAdmin = await ensure(MESSAGING_ADMIN_ROLE);

  const switchboardActions: string[] = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((a: { pluginName?: string; section: string }) => a.section === 'plugins' && ['messaging', 'audit', 'people', 'provider', 'numbers', 'assignments', 'routing', 'policy', 'automations', 'compliance', 'alerts', 'setup'].includes(a.pluginName ?? ''))
    .map((a: { actionId: string }) => a.actionId);
  const asPermissions = (actions: string[]) => actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));

  await roleService.assignPermissions(owner.id, asPermissions(switchboardActions));
  await roleService.assignPermissions(messagingAdmin.id, asPermissions([...messagingAdminActions, ...providerAdminActions, ...numbersAdminActions, ...peopleAdminActions, ...assignmentsAdminActions, ...routingAdminActions, ...policyAdminActions, ...automationsAdminActions, ...complianceAdminActions, ...alertsAdminActions, ...setupAdminActions, 'plugin::audit.read']));
  return { owner: owner.id, messagingAdmin: messagingAdmin.id };
}
