import { randomBytes } from 'node:crypto';
import { ensureDatabase } from '@switchboard/database';
import { DEMO_ORGANISATION } from '../../cms/src/bootstrap/demo-operations';

// Booting Strapi takes a few seconds; individual tests stay well under this.
jest.setTimeout(60_000);

/** The demo's dates are the organisation's days ("yesterday", "tomorrow at 10:00"): a template from another day is stale. */
const dayIn = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_ORGANISATION.timeZone }).format(new Date(at));
const TEMPLATE_MAX_AGE_MS = 2 * 60 * 60 * 1000;

function templateFor(): string | undefined {
  if ((globalThis as { __switchboardEmptyDatabase?: boolean }).__switchboardEmptyDatabase) return undefined;
  const template = process.env.SWITCHBOARD_TEST_TEMPLATE_DB;
  const at = Number(process.env.SWITCHBOARD_TEST_TEMPLATE_AT);
  if (!template || !at) return undefined;
  if (Date.now() - at > TEMPLATE_MAX_AGE_MS || dayIn(at) !== dayIn(Date.now())) return undefined;
  return template;
}

// Each test file starts from a database of its own, so no suite depends on what another left behind, in whatever
// order they run: a copy of the run's template (schema and demo seed, global-setup.mjs) or, when the file asked for
// it or the template is from another day, an empty one on which Strapi creates the schema and the seed itself.
beforeAll(async () => {
  const adminUrl = process.env.SWITCHBOARD_TEST_ADMIN_URL;
  const prefix = process.env.SWITCHBOARD_TEST_DB_PREFIX;
  if (!adminUrl || !prefix) throw new Error('The test database server is not set up: run the tests through jest (tests/helpers/global-setup.mjs).');
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(adminUrl, name, { template: templateFor() });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
});
