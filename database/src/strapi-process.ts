// The Strapi process npm start runs (instead of `strapi start`, which has no shutdown of its own): on SIGINT or
// SIGTERM it runs Strapi's destroy — plugins' destroy, so the job queue stops, then the database pool — and exits 0,
// while the launcher keeps Postgres up until this process has gone.
import path from 'node:path';

const appDir = path.resolve(__dirname, '..', '..', 'cms');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] })) as typeof import('@strapi/strapi');

const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
let stopping = false;
const shutDown = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await strapi.destroy();
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
};
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
void strapi.start();
