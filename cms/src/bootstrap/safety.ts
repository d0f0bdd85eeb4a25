import type { Core } from '@strapi/strapi';
import { demoExposureWarning } from '@switchboard/config';
import { DEMO_BUSINESSES, DEMO_SITTERS, DEMO_STAFF, DEMO_VAS } from './demo-seed';

const UP_ROLE = 'plugin::users-permissions.role';
const UP_PERMISSION = 'plugin::users-permissions.permission';
export const REGISTER_ACTION = 'plugin::users-permissions.auth.register';

/**
 * Accounts are created by the Owner (and, later, by invitation), never by whoever finds the API: users-permissions'
 * "allow registration" is switched off and the public role loses the register action, on every start.
 */
export async function closeSelfRegistration(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  const publicRole = await strapi.db.query(UP_ROLE).findOne({ where: { type: 'public' } });
  if (publicRole) await strapi.db.query(UP_PERMISSION).deleteMany({ where: { role: publicRole.id, action: REGISTER_ACTION } });
}

/** Whether any demo account (published password) exists, staff or app user. */
export async function demoAccountsExist(strapi: Core.Strapi): Promise<boolean> {
  const staff = DEMO_STAFF.map((a) => a.email);
  const app = [...DEMO_BUSINESSES, ...DEMO_VAS, ...DEMO_SITTERS].map((a) => a.email);
  const [admins, users] = await Promise.all([
    strapi.db.query('admin::user').count({ where: { email: { $in: staff } } }),
    strapi.db.query('plugin::users-permissions.user').count({ where: { email: { $in: app } } }),
  ]);
  return admins + users > 0;
}

/** Prints one warning line when demo accounts exist and Strapi listens beyond loopback; returns it (or null). */
export async function warnIfDemoExposed(strapi: Core.Strapi): Promise<string | null> {
  const warning = demoExposureWarning(String(strapi.config.get('server.host')), await demoAccountsExist(strapi));
  if (warning) strapi.log.warn(warning);
  return warning;
}
