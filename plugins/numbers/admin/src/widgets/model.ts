import type { InventoryNumber } from '../../../shared/contracts';

/** The admin home's number health (issue 23): numbers in service by health, and those out of it. */
export function numberSummary(rows: Array<Pick<InventoryNumber, 'status' | 'health'>>) {
  const active = rows.filter((r) => r.status === 'active');
  return {
    healthy: active.filter((r) => r.health === 'healthy').length,
    warning: active.filter((r) => r.health === 'warning').length,
    critical: active.filter((r) => r.health === 'critical').length,
    quarantined: rows.filter((r) => r.status === 'quarantined').length,
    inactive: rows.filter((r) => r.status === 'inactive').length,
    total: rows.length,
  };
}
