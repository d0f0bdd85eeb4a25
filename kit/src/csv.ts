import { Readable } from 'node:stream';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula, and some also after a leading TAB or CR (OWASP
 * "CSV injection"): such a cell gets a leading apostrophe, so it is shown as text. Phone numbers (+ and digits) are data.
 */
export function defuseSpreadsheetFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^\+\d+$/.test(value) ? `'${value}` : value;
}

/**
 * Every CSV export (the inventory, the violations feed, the compliance feeds): one header row, RFC 4180 quoting by
 * csv-stringify, CRLF lines, each cell defused. A lone CR ends a line in some readers, so a cell holding one is quoted too.
 */
export function csvTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return stringify([[...header], ...rows.map((r) => r.map(defuseSpreadsheetFormula))], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/**
 * The same table, streamed: the header, then each batch of rows as the source yields it, so a large export is never
 * held in memory whole.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<ReadonlyArray<readonly string[]>>): Readable {
  const stringifier = stringifyStream({ record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  const source = Readable.from(
    (async function* () {
      yield [...header];
      for await (const batch of batches) for (const row of batch) yield row.map(defuseSpreadsheetFormula);
    })(),
    { objectMode: true },
  );
  source.on('error', (error) => stringifier.destroy(error));
  return source.pipe(stringifier);
}
