import { stringify } from 'csv-stringify/sync';
import { NUMBER_CLASS_LABEL, STATUS_LABEL, type Health, type NumberClass, type NumberStatus } from './inventory';

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula, and some also after a leading TAB or CR (OWASP
 * "CSV injection"): such a cell gets a leading apostrophe, so it is shown as text. Phone numbers (+ and digits) are data.
 */
export function defuseSpreadsheetFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^\+\d+$/.test(value) ? `'${value}` : value;
}

export interface CsvNumber {
  e164: string;
  numberClass: NumberClass;
  status: NumberStatus;
  assignedTo: string;
  health: Health;
  lastUsedAt: Date | null;
  volume7d: number;
  addedAt: Date | null;
  cooldownUntil: Date | null;
}

const HEADER = ['Number', 'Class', 'Status', 'Assigned to', 'Health', 'Last usage', 'Messages (7d)', 'Added', 'Cooldown until'];
const iso = (at: Date | null) => (at ? at.toISOString() : '');

/** CSV export (OPS §3.1 "Bulk Export"): RFC 4180 quoting by csv-stringify, CRLF lines, one header row. */
export function inventoryCsv(rows: CsvNumber[]): string {
  const records = rows.map((r) =>
    [r.e164, NUMBER_CLASS_LABEL[r.numberClass], STATUS_LABEL[r.status], r.assignedTo, r.health, iso(r.lastUsedAt), String(r.volume7d), iso(r.addedAt), iso(r.cooldownUntil)].map(
      defuseSpreadsheetFormula,
    ),
  );
  // A lone CR ends a line in some readers, so a cell holding one is quoted too.
  return stringify([HEADER, ...records], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
