// The bench seed: boots the compiled Strapi app in this process (not listening), creates the bench's own
// businesses (full profiles, so they may compose) and a VA for the history run, gets each business its
// business_admin conversation through the real service, and mints app access tokens through users-permissions'
// own jwt service. With a staff count, it also creates that many bench staff people (admin users with the
// Messaging Admin role, as the demo admins have) and mints each an admin session and access token through Strapi's
// own admin session manager, as POST /admin/login does, without a bcrypt check per person. Running it again
// creates nothing new and mints fresh tokens (app tokens live 10 minutes, admin access tokens 30).
// Usage: node bench/seed.cjs <businesses> <out.json> [staff]
const path = require('node:path');
const { writeFileSync } = require('node:fs');
const { createStrapi } = require('@strapi/strapi');

const UP_USER = 'plugin::users-permissions.user';
// The profiles live in the people plugin (they moved out of messaging).
const { BUSINESS_PROFILE_UID: BUSINESS, VA_PROFILE_UID: VA } = require('@switchboard/people');
const ADMIN_USER = 'admin::user';
const PASSWORD = 'Bench-Password-1!';
const { MESSAGING_ADMIN_ROLE } = require('../plugins/messaging/dist/server/domain/roles.js');

const fullProfile = (i) => ({
  name: `Bench Business ${i}`,
  contactName: `Bench Owner ${i}`,
  email: `owner${i}@bench.test`,
  phone: '+14155550199',
  address: `${i} Bench Street, Springfield`,
  website: 'https://bench.example',
  description: 'A business the delivery benchmark creates to keep a conversation busy.',
  serviceArea: 'Springfield',
  businessHours: 'Mon–Sun 0:00–24:00',
  logoUrl: 'https://bench.example/logo.png',
});

async function main() {
  const count = Number(process.argv[2] ?? 500);
  const out = process.argv[3];
  const staffCount = Number(process.argv[4] ?? 0);
  const appDir = path.resolve(__dirname, '../cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const roles = Object.fromEntries((await strapi.db.query('plugin::users-permissions.role').findMany({})).map((r) => [r.type, r.id]));
    const users = strapi.plugin('users-permissions').service('user');
    // One bcrypt hash for every bench user: hashing 500 passwords would take a minute and measure nothing.
    const { password: hashed } = await users.ensureHashedPasswords({ password: PASSWORD });
    const ensureUser = async (email, username, role) => {
      const found = await strapi.db.query(UP_USER).findOne({ where: { email } });
      if (found) return found.id;
      return (await strapi.db.query(UP_USER).create({ data: { username, email, password: hashed, provider: 'local', confirmed: true, blocked: false, role } })).id;
    };
    const jwt = strapi.plugin('users-permissions').service('jwt');
    const directory = strapi.plugin('messaging').service('directory');
    const conversations = strapi.plugin('messaging').service('conversations');

    const businesses = [];
    for (let i = 1; i <= count; i += 1) {
      const userId = await ensureUser(`bench-biz-${i}@bench.test`, `bench-biz-${i}`, roles.business);
      let profile = await strapi.db.query(BUSINESS).findOne({ where: { user: userId } });
      if (!profile) profile = await strapi.db.query(BUSINESS).create({ data: { ...fullProfile(i), user: userId } });
      const viewer = await directory.appViewer(userId);
      const { record } = await conversations.getOrCreate(viewer, { kind: 'business_admin', vaUserId: null, businessId: profile.id });
      businesses.push({ userId, businessId: profile.id, conversationId: String(record.id), token: await jwt.issue({ id: userId }) });
    }
    const vaUserId = await ensureUser('bench-history-va@bench.test', 'bench-history-va', roles.va);
    if (!(await strapi.db.query(VA).findOne({ where: { user: vaUserId } }))) await strapi.db.query(VA).create({ data: { displayName: 'Bench History VA', user: vaUserId } });
    const historyVa = { userId: vaUserId, token: await jwt.issue({ id: vaUserId }) };
    const staff = staffCount > 0 ? await seedStaff(strapi, staffCount) : [];
    writeFileSync(out, JSON.stringify({ mintedAt: Date.now(), businesses, historyVa, staff }));
  } finally {
    await strapi.destroy();
  }
}

/**
 * `count` distinct staff people, bench-staff-N@bench.test, each an admin user with the Messaging Admin role only (as
 * admin@demo.test is), and for each a fresh admin session and its access token: the socket handshake validates the
 * token with the admin secret this process shares with the nodes, and finds the session in the database.
 */
async function seedStaff(strapi, count) {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: MESSAGING_ADMIN_ROLE.code } });
  if (!role) throw new Error(`the ${MESSAGING_ADMIN_ROLE.name} role is missing; the app's bootstrap creates it`);
  const sessions = strapi.sessionManager('admin');
  let hashed = null;
  const staff = [];
  for (let i = 1; i <= count; i += 1) {
    const email = `bench-staff-${i}@bench.test`;
    let user = await strapi.db.query(ADMIN_USER).findOne({ where: { email } });
    if (!user) {
      // One bcrypt hash for every bench staff person, as for the bench businesses; nobody signs in with it.
      hashed ??= await strapi.service('admin::auth').hashPassword(PASSWORD);
      // The query engine rather than admin::user's create, which would hash once per person.
      user = await strapi.db.query(ADMIN_USER).create({
        data: { email, firstname: 'Bench', lastname: `Staff ${i}`, username: null, password: hashed, isActive: true, blocked: false, registrationToken: null, roles: [role.id] },
      });
    }
    // As POST /admin/login does without "remember me": a session-type refresh token, then an access token from it.
    const { token: refreshToken } = await sessions.generateRefreshToken(String(user.id), `bench-staff-${i}`, { type: 'session' });
    const access = await sessions.generateAccessToken(refreshToken);
    if ('error' in access) throw new Error(`no admin access token for ${email}: ${access.error}`);
    staff.push({ adminId: user.id, token: access.token });
  }
  return staff;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
