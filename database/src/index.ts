export { startEmbeddedPostgres, ensureDatabase, dropDatabase, listDatabases, freePort, LEGACY_PASSWORD } from './embedded';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
export { sqlFile, applyAuditAppendOnly, applyMessagingTables, applyMessagingIndexes, applyProviderIndexes } from './sql';
export { startJobQueue, stopJobQueue } from './jobs';
export type { PgBoss } from './jobs';
