import type { Core } from '@strapi/strapi';
import { seedDemoOperations } from './demo-operations';
import { BUSINESS_PROFILE_UID, SITTER_PROFILE_UID, VA_PROFILE_UID } from '@switchboard/people';
import type { SitterNoticesService } from '@switchboard/numbers';
import type { ConversationsService, DirectoryService } from '@switchboard/messaging';

/** API.md "Demo accounts": part of the contract, so that anyone can try every role. */
export const DEMO_STAFF = [
  { email: 'owner@demo.test', password: 'Demo-Owner-1!', firstname: 'Olivia', lastname: 'Owner', role: 'owner' },
  { email: 'admin@demo.test', password: 'Demo-Admin-1!', firstname: 'Adam', lastname: 'Admin', role: 'messagingAdmin' },
  { email: 'admin2@demo.test', password: 'Demo-Admin-2!', firstname: 'Ada', lastname: 'Second', role: 'messagingAdmin' },
] as const;

export const DEMO_BUSINESSES = [
  {
    email: 'acme@demo.test',
    password: 'Demo-Biz-1!',
    username: 'acme',
    // 90%: every field but logoUrl.
    profile: {
      name: 'Acme Pets',
      contactName: 'Alex Acme',
      email: 'hello@acmepets.test',
      phone: '+14155550123',
      address: '1 Market Street, San Francisco, CA 94105',
      website: 'https://acmepets.example',
      description: 'Dog walking, drop-in visits and overnight pet sitting across the city.',
      serviceArea: 'San Francisco',
      businessHours: 'Mon–Sat 8:00–18:00',
    },
  },
  {
    email: 'newbiz@demo.test',
    password: 'Demo-Biz-2!',
    username: 'newpaws',
    // 40%: name, contactName, email, phone only.
    profile: { name: 'New Paws', contactName: 'Nora Paws', email: 'hi@newpaws.test', phone: '+15035550100' },
  },
] as const;

export const DEMO_VAS = [
  { email: 'va@demo.test', password: 'Demo-Va-1!', username: 'vera', displayName: 'Vera Assist' },
  { email: 'va2@demo.test', password: 'Demo-Va-2!', username: 'victor', displayName: 'Victor Assist' },
] as const;

export const DEMO_SITTERS = [
  { email: 'sitter@demo.test', password: 'Demo-Sitter-1!', username: 'sam', displayName: 'Sam Sitter' },
  { email: 'sitter2@demo.test', password: 'Demo-Sitter-2!', username: 'sky', displayName: 'Sky Sitter' },
] as const;

const UP_USER = 'plugin::users-permissions.user';
const GRANT = 'plugin::messaging.masquerade-grant';

const NUMBER_UID = 'plugin::numbers.number' as any;
const NUMBER_ASSIGNMENT_UID = 'plugin::numbers.number-assignment' as any;

/** API.md's demo organisation has these numbers; the Front Desk one is the sandbox provider's. */
export const DEMO_NUMBERS: Array<{ e164: string; numberClass: 'front_desk' | 'sitter' | 'pool'; sitter?: string }> = [
  { e164: '+14155550100', numberClass: 'front_desk' },
  { e164: '+14155550120', numberClass: 'sitter', sitter: 'sitter@demo.test' },
  { e164: '+14155550121', numberClass: 'sitter', sitter: 'sitter2@demo.test' },
  { e164: '+14155550140', numberClass: 'pool' },
  { e164: '+14155550141', numberClass: 'pool' },
  { e164: '+14155550142', numberClass: 'pool' },
];

/** Seeds the demo organisation; every step looks before it writes, so running it twice changes nothing. */
export async function seedDemo(
  strapi: Core.Strapi,
  roles: { app: Record<string, number>; admin: { owner: number; messagingAdmin: number } },
): Promise<void> {
  const adminUsers = strapi.service('admin::user');
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const staffIds: Record<string, number> = {};
  for (const staff of DEMO_STAFF) {
    let user = await strapi.db.query('admin::user').findOne({ where: { email: staff.email } });
    if (!user) {
      const roleIds = staff.role === 'owner' ? [roles.admin.owner, superAdmin.id] : [roles.admin.messagingAdmin];
      user = await adminUsers.create({
        email: staff.email,
        firstname: staff.firstname,
        lastname: staff.lastname,
        password: staff.password,
        isActive: true,
        registrationToken: null,
        roles: roleIds,
      });
    }
    staffIds[staff.email] = user.id;
  }

  const appUser = async (spec: { email: string; password: string; username: string }, role: number) => {
    const found = await strapi.db.query(UP_USER).findOne({ where: { email: spec.email } });
    if (found) return found.id as number;
    // The query engine rather than the document service: no deferred lifecycle events outlive the seed.
    const data = await strapi.plugin('users-permissions').service('user').ensureHashedPasswords({
      username: spec.username,
      email: spec.email,
      password: spec.password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role,
    });
    const created = await strapi.db.query(UP_USER).create({ data });
    return created.id as number;
  };

  const ensureProfile = async (uid: string, userId: number, data: Record<string, unknown>) => {
    const found = await strapi.db.query(uid as any).findOne({ where: { user: userId } });
    return found ?? strapi.db.query(uid as any).create({ data: { ...data, user: userId } });
  };

  const businessIds: Record<string, number> = {};
  for (const b of DEMO_BUSINESSES) {
    const userId = await appUser(b, roles.app.business);
    businessIds[b.profile.name] = (await ensureProfile(BUSINESS_PROFILE_UID, userId, b.profile)).id;
  }
  for (const va of DEMO_VAS) {
    await ensureProfile(VA_PROFILE_UID, await appUser(va, roles.app.va), { displayName: va.displayName });
  }
  const sitterIds: Record<string, number> = {};
  for (const s of DEMO_SITTERS) {
    sitterIds[s.email] = await appUser(s, roles.app.sitter);
    await ensureProfile(SITTER_PROFILE_UID, sitterIds[s.email], { displayName: s.displayName, active: true });
  }

  // The demo inventory on the sandbox provider: a Front Desk number, each sitter's masked number, three pool numbers.
  const seededAt = new Date();
  for (const n of DEMO_NUMBERS) {
    if (await strapi.db.query(NUMBER_UID).findOne({ where: { e164: n.e164 } })) continue;
    const sitterUserId = n.sitter ? sitterIds[n.sitter] : null;
    const created = await strapi.db.query(NUMBER_UID).create({
      data: {
        e164: n.e164,
        numberClass: n.numberClass,
        status: 'active',
        providerRef: `SB${n.e164.slice(1)}`,
        capabilities: { sms: true, mms: false, voice: false },
        monthlyCost: { amount: '0.00', currency: 'USD' },
        source: 'seeded',
        addedAt: seededAt,
        sitterUserId,
        assignmentCount: sitterUserId ? 1 : 0,
        firstAssignedAt: sitterUserId ? seededAt : null,
        lastAssignedAt: sitterUserId ? seededAt : null,
      },
    });
    if (sitterUserId) await strapi.db.query(NUMBER_ASSIGNMENT_UID).create({ data: { numberId: created.id, kind: 'sitter', sitterUserId, startedAt: seededAt } });
  }

  // API.md "What the first start shows": each sitter's Admin team thread with their activation notice (OPS §4.1),
  // told through the same numbers port the activation path calls, once.
  const messaging = strapi.plugin('messaging');
  for (const n of DEMO_NUMBERS) {
    if (!n.sitter) continue;
    const sitterUserId = sitterIds[n.sitter];
    const viewer = await (messaging.service('directory') as DirectoryService).appViewer(sitterUserId);
    const threads = await (messaging.service('conversations') as ConversationsService).listForApp(viewer);
    if (threads.some((c) => c.kind === 'admin_sitter')) continue;
    await (strapi.plugin('numbers').service('sitter-notices') as SitterNoticesService).notify({ kind: 'activated', sitterUserId, e164: n.e164 });
  }

  await seedDemoOperations(strapi, sitterIds);

  const grant = { adminUser: staffIds['admin@demo.test'], business: businessIds['Acme Pets'] };
  const existingGrant = await strapi.db.query(GRANT as any).findOne({ where: grant });
  if (!existingGrant) await strapi.db.query(GRANT as any).create({ data: grant });
}
