import database from '@switchboard/database';

export default async function globalTeardown() {
  const db = globalThis.__switchboardTestDb;
  if (!db) return;
  if (db.embedded) await db.embedded.stop();
  else await database.dropDatabase(db.adminUrl, db.name);
}
