// A second Strapi node for multi-node tests: boots the compiled app on the test database and listens on PORT.
// Prints "ready <port>" when it answers; Strapi itself shuts down cleanly on SIGTERM. With --prepare-only it boots
// (creating the schema and the demo seed on an empty database), stops and exits.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

/** Waits until the tables that after-commit work writes have stopped changing (unchanged for a second, at most 15 s). */
async function settled(strapi) {
  const count = async () => {
    const rows = await Promise.all(['message', 'audit_event', 'conversation'].map((t) => strapi.db.connection(t).count({ n: '*' })));
    return rows.map((r) => r[0].n).join(',');
  };
  let last = await count();
  let stableSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() - stableSince < 1_000 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await count();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

async function main() {
  const appDir = path.resolve(__dirname, '../../cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  if (process.argv.includes('--prepare-only')) {
    // The test run's template database (global-setup.mjs): schema and demo seed written, then a clean stop once the
    // work the seed started after its commit (the sitters' new-client notices) has landed too.
    await settled(strapi);
    await strapi.destroy();
    process.stdout.write('prepared\n');
    process.exit(0);
  }
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`ready ${strapi.server.httpServer.address().port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
