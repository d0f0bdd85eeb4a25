export { startEmbeddedPostgres, ensureDatabase, dropDatabase } from './embedded';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
export { sqlFile, applyAuditAppendOnly, applyMessagingIndexes } from './sql';
