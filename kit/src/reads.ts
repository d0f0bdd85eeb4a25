/**
 * Runs reads at once, or one after another when `oneAtATime` (inside a database transaction: its reads share its one
 * connection, which runs one query at a time; pg queues the others today and will refuse them from pg 9). Answers
 * the results in the order given, as Promise.all does. Pass `strapi.db.inTransaction()`.
 */
export async function readAll<T extends readonly unknown[]>(oneAtATime: boolean, reads: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const list = reads as unknown as readonly (() => Promise<unknown>)[];
  if (!oneAtATime) return (await Promise.all(list.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of list) results.push(await read());
  return results as unknown as T;
}
