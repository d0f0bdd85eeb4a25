import { randomBytes } from 'node:crypto';
import { ensureDatabase } from '@switchboard/database';

// Booting Strapi takes a few seconds; individual tests stay well under this.
jest.setTimeout(60_000);

// Each test file starts from an empty database of its own (Strapi creates the schema and the demo seed), so no
// suite depends on what another left behind, in whatever order they run.
beforeAll(async () => {
  const adminUrl = process.env.SWITCHBOARD_TEST_ADMIN_URL;
  const prefix = process.env.SWITCHBOARD_TEST_DB_PREFIX;
  if (!adminUrl || !prefix) throw new Error('The test database server is not set up: run the tests through jest (tests/helpers/global-setup.mjs).');
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
});
