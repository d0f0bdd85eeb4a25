import { csvTable } from '@switchboard/kit';
import { NUMBER_CLASS_LABEL, STATUS_LABEL, type Health, type NumberClass, type NumberStatus } from './inventory';

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

/** CSV export (OPS §3.1 "Bulk Export"), written by kit's `csvTable`. */
export function inventoryCsv(rows: CsvNumber[]): string {
  return csvTable(
    HEADER,
    rows.map((r) => [r.e164, NUMBER_CLASS_LABEL[r.numberClass], STATUS_LABEL[r.status], r.assignedTo, r.health, iso(r.lastUsedAt), String(r.volume7d), iso(r.addedAt), iso(r.cooldownUntil)]),
  );
}
