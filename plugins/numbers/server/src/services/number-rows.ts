import type { Knex } from 'knex';
import { NotFoundError } from '@switchboard/kit';
import type { InventoryNumber } from '../domain/inventory';
import { toInventory, type NumberRow } from '../domain/number-view';

type Db = Knex | Knex.Transaction;

/** Reads of the phone_number table; `lock` takes the rows FOR UPDATE inside the caller's transaction. */
export async function rowsFor(db: Db, ids: number[], lock: boolean): Promise<NumberRow[]> {
  let q = db('phone_number').whereIn('id', ids).orderBy('id');
  if (lock) q = q.forUpdate();
  return q.select('*', 'e_164 as e164');
}

export async function loadOne(db: Db, id: number, lock: boolean): Promise<NumberRow> {
  const [row] = await rowsFor(db, [id], lock);
  if (!row) throw new NotFoundError('That number is not in the inventory.');
  return row;
}

export async function allNumbers(db: Db): Promise<InventoryNumber[]> {
  return ((await db('phone_number').select('*', 'e_164 as e164').orderBy('id')) as NumberRow[]).map(toInventory);
}

export async function numbersByE164(db: Db, e164s: string[]): Promise<InventoryNumber[]> {
  return ((await db('phone_number').whereIn('e_164', e164s).select('*', 'e_164 as e164')) as NumberRow[]).map(toInventory);
}

/** Serialises changes that could leave no Front Desk number (the last one may not be quarantined). */
export async function lockFrontDesk(trx: Knex.Transaction): Promise<void> {
  await trx('phone_number').where('number_class', 'front_desk').forUpdate().select('id');
}
