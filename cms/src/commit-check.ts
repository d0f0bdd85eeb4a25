import type { Core } from '@strapi/strapi';

/**
 * knex resolves a transaction's `commit()` even when the COMMIT fails (the connection ended: Postgres restarting,
 * failing over); only the transaction's `executionPromise` rejects. Strapi's `db.transaction` awaits `commit()`, so a
 * write that never committed answered as done: the bench's Postgres restart (issue 25) found a message acknowledged
 * to its sender and not stored. Installed once at register, before any plugin writes: after an outermost transaction's
 * callback and commit, this awaits the execution promise, so a failed COMMIT throws like any other database error
 * (and the caller answers 503 through kit's asRefusal). Nested calls share the outer transaction and are left alone.
 */
export function failOnLostCommit(strapi: Core.Strapi): void {
  const db = strapi.db as unknown as { transaction: (cb?: (params: { trx: unknown }) => Promise<unknown>) => Promise<unknown> };
  const transaction = db.transaction.bind(db);
  db.transaction = async (cb) => {
    if (!cb) return transaction();
    let trx: { isCompleted?: () => boolean; executionPromise?: Promise<unknown> } | undefined;
    const result = await transaction(async (params) => {
      trx = params.trx as typeof trx;
      return cb(params);
    });
    // Completed here only when this call opened it (an outer transaction is still open); settled by now.
    if (trx?.isCompleted?.() && trx.executionPromise) await trx.executionPromise;
    return result;
  };
}
