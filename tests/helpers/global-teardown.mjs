import database from '@switchboard/database';

/** Stops the embedded server (its data goes with it), or drops this run's databases on an external one. */
export default async function globalTeardown() {
  const db = globalThis.__switchboardTestDb;
  if (!db) return;
  // Jest calls this once per project; the first call cleans up.
  globalThis.__switchboardTestDb = undefined;
  if (db.embedded) {
    await db.embedded.stop();
    return;
  }
  for (const name of await database.listDatabases(db.adminUrl, `${db.name}_`)) await database.dropDatabase(db.adminUrl, name);
  await database.dropDatabase(db.adminUrl, db.name);
}
