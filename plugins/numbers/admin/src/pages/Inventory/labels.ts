// The words the Number Inventory page uses for the server's values (plugins/numbers/shared/contracts.ts).
import type { Health, NumberClass, NumberStatus, QuarantineReason } from '../../../../shared/contracts';

export const CLASS_LABEL: Record<NumberClass, string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool' };
export const STATUS_LABEL: Record<NumberStatus, string> = { active: 'Active', quarantined: 'Quarantined', inactive: 'Inactive' };
export const HEALTH_LABEL: Record<Health, string> = { healthy: 'Healthy', warning: 'Warning', critical: 'Critical' };
export const REASONS: ReadonlyArray<readonly [QuarantineReason, string]> = [
  ['delivery_failures', 'Delivery failures'],
  ['policy_violation', 'Policy violation'],
  ['manual_review', 'Manual review'],
  ['other', 'Other'],
] as const;

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

/** Who a number serves, as a person reads it: a quarantined number serves nobody (not "Pool", its class's default). */
export const assignedLabel = (n: { status: string; assignedTo: string }) => (n.status === 'quarantined' ? 'Nobody (cooling down)' : n.assignedTo);
