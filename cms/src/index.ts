import type { Core } from '@strapi/strapi';
import { loadEnv, seedsDemo } from '@switchboard/config';
import { ensureAdminRoles, ensureAppRoles } from './bootstrap/roles';
import { seedDemo, DEMO_SITTERS } from './bootstrap/demo-seed';
import { failOnLostCommit } from './commit-check';
import { seedDemoMessages } from './bootstrap/demo-operations';
import { ensureAppSessionPermissions } from './bootstrap/app-sessions';
import { closeSelfRegistration, warnIfDemoExposed } from './bootstrap/safety';
import { startTracing, type Tracing } from './tracing';

let tracing: Tracing | null = null;

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // First, so every span the plugins write from their bootstrap on is recorded (when an OTLP endpoint is set).
    tracing = startTracing(loadEnv());
    // A COMMIT that fails must fail the write (commit-check.ts).
    failOnLostCommit(strapi);
  },

  async destroy() {
    await tracing?.stop();
    tracing = null;
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const env = loadEnv();
    const app = await ensureAppRoles(strapi);
    await ensureAppSessionPermissions(strapi, app);
    await closeSelfRegistration(strapi);
    const admin = await ensureAdminRoles(strapi);
    // SEED_DEMO: npm start turns it on for its embedded database only; never in production.
    if (seedsDemo(env)) {
      // Only on an empty database, and all or nothing, so a failed seed never leaves half an organisation.
      const seeded = await strapi.db.transaction(async () => {
        if ((await strapi.db.query('admin::user').count()) > 0) return false;
        await seedDemo(strapi, { app, admin });
        return true;
      });
      if (seeded) strapi.log.info('Seeded the demo organisation (API.md "Demo accounts").');
      // The demo's messages go through the real send and receive paths, which hand SMS over once they commit.
      const sam = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: DEMO_SITTERS[0].email } });
      if (sam) await seedDemoMessages(strapi, sam.id);
    }
    await warnIfDemoExposed(strapi);
  },
};
