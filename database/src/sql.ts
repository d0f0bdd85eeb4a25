import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Anything that runs a raw SQL string: a knex instance or transaction, or a pg client. */
export interface RawSqlRunner {
  raw(sql: string): PromiseLike<unknown>;
}

/** The text of one of the SQL files shipped in database/sql. */
export function sqlFile(name: string): string {
  return readFileSync(path.join(__dirname, '..', 'sql', name), 'utf8');
}

/**
 * The statements of an index file, one by one. Sent as one string they run as one transaction that locks table after
 * table, and a node starting next to a busy one deadlocked with its sends (40P01; seen in the delivery benchmark).
 * Only for files of plain statements: no dollar-quoted bodies.
 */
export function indexStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

async function applyEach(db: RawSqlRunner, sql: string): Promise<void> {
  for (const statement of indexStatements(sql)) await db.raw(statement);
}

/** Installs the triggers that make audit_event append-only; safe to run at every start. */
export async function applyAuditAppendOnly(db: RawSqlRunner): Promise<void> {
  await db.raw(sqlFile('audit-append-only.sql'));
}

/** Creates the conversations core's own tables (the per-person rate-limit buckets); safe to run at every start. */
export async function applyMessagingTables(db: RawSqlRunner): Promise<void> {
  await applyEach(db, sqlFile('messaging-tables.sql'));
}

/** Installs the conversations core's unique keys and ordering indexes; safe to run at every start. */
export async function applyMessagingIndexes(db: RawSqlRunner): Promise<void> {
  await applyEach(db, sqlFile('messaging-indexes.sql'));
}

/** Installs the provider plugin's unique keys (webhook de-duplication, status lookups). */
export async function applyProviderIndexes(db: RawSqlRunner): Promise<void> {
  await applyEach(db, sqlFile('provider-indexes.sql'));
}
