// A second Strapi node for multi-node tests: boots the compiled app on the test database and listens on PORT.
// Prints "ready <port>" when it answers; Strapi itself shuts down cleanly on SIGTERM.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

async function main() {
  const appDir = path.resolve(__dirname, '../../cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`ready ${strapi.server.httpServer.address().port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
