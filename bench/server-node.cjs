// One Strapi node for the bench: the compiled app on the bench database, listening on PORT (0 = any free port).
// Prints "ready <port>" when it answers; shuts down cleanly on SIGTERM (so --cpu-prof writes its profile); answers the
// bench's memory probe on SIGUSR2 (lib/memory-probe.cjs).
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
const { installMemoryProbe } = require('./lib/memory-probe.cjs');

async function main() {
  const appDir = path.resolve(__dirname, '../cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  process.stdout.write(`ready ${strapi.server.httpServer.address().port}\n`);
  const stop = () => strapi.destroy().then(() => process.exit(0), () => process.exit(1));
  installMemoryProbe();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
