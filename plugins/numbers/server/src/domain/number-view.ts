import {
  QUARANTINE_REASON_LABEL,
  assignedToLabel,
  daysRemaining,
  displayNumber,
  DEFAULT_HEALTH_THRESHOLDS,
  healthOf,
  offeredActions,
  type HealthThresholds,
  type InventoryNumber,
  type NumberClass,
  type NumberStatus,
  type QuarantineReason,
} from './inventory';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One phone_number row as the database answers it. */
export interface NumberRow {
  id: number;
  e164: string;
  number_class: NumberClass;
  status: NumberStatus;
  provider_ref: string | null;
  capabilities: unknown;
  monthly_cost: unknown;
  source: string;
  added_at: Date | null;
  sitter_user_id: number | null;
  first_assigned_at: Date | null;
  last_assigned_at: Date | null;
  assignment_count: number | null;
  quarantined_at: Date | null;
  quarantine_reason: string | null;
  quarantine_note: string | null;
  cooldown_until: Date | null;
  last_used_at: Date | null;
}

/** Usage figures of one number over the last 7 days (from the provider plugin). */
export interface Usage7d {
  errors7d: number;
  volume7d: number;
  lastUsedAt: Date | null;
}

export const asDate = (v: unknown): Date | null => (v ? new Date(v as string) : null);
const asJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** What the rules need from a row. */
export const toInventory = (r: NumberRow): InventoryNumber => ({
  id: r.id,
  e164: r.e164,
  numberClass: r.number_class,
  status: r.status,
  sitterUserId: r.sitter_user_id ?? null,
  cooldownUntil: asDate(r.cooldown_until),
  lastUsedAt: asDate(r.last_used_at),
});

/** One number as the inventory page shows it (OPS §3.1 columns), at `now`. */
export function numberView(r: NumberRow, sitterName: string | null, use: Usage7d, threadCount: number, now: Date, thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS) {
  const n = toInventory(r);
  const stored = asDate(r.last_used_at);
  const lastUsedAt = [stored, use.lastUsedAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    id: r.id,
    e164: r.e164,
    display: displayNumber(r.e164),
    numberClass: r.number_class,
    status: r.status,
    assignedTo: assignedToLabel(n, sitterName),
    sitter: r.sitter_user_id ? { userId: r.sitter_user_id, displayName: sitterName } : null,
    actions: offeredActions(n),
    health: healthOf(use.errors7d, thresholds),
    deliveryErrors7d: use.errors7d,
    volume7d: use.volume7d,
    lastUsedAt: lastUsedAt ? lastUsedAt.toISOString() : null,
    threadCount,
    capabilities: asJson(r.capabilities),
    monthlyCost: asJson(r.monthly_cost),
    providerRef: r.provider_ref,
    source: r.source,
    addedAt: iso(r.added_at),
    firstAssignedAt: iso(r.first_assigned_at),
    lastAssignedAt: iso(r.last_assigned_at),
    assignmentCount: r.assignment_count ?? 0,
    quarantine:
      r.status === 'quarantined'
        ? {
            reason: r.quarantine_reason,
            reasonLabel: QUARANTINE_REASON_LABEL[r.quarantine_reason as QuarantineReason] ?? r.quarantine_reason,
            note: r.quarantine_note,
            since: iso(r.quarantined_at),
            cooldownUntil: iso(r.cooldown_until),
            daysRemaining: daysRemaining(asDate(r.cooldown_until), now),
          }
        : null,
  };
}
export type NumberView = ReturnType<typeof numberView>;

export type UsageFilter = '24h' | '7d' | '30d' | 'never' | 'high';
/** OPS §3.1 "High volume": more than this many messages in 7 days. */
export const HIGH_VOLUME_7D = 100;

/** The inventory's usage filter: used within a day, a week, a month, never, or high volume. */
export function matchesUsage(filter: UsageFilter, view: Pick<NumberView, 'lastUsedAt' | 'volume7d'>, now: Date): boolean {
  const within = (ms: number) => view.lastUsedAt !== null && now.getTime() - Date.parse(view.lastUsedAt) <= ms;
  switch (filter) {
    case '24h':
      return within(DAY_MS);
    case '7d':
      return within(7 * DAY_MS);
    case '30d':
      return within(30 * DAY_MS);
    case 'never':
      return view.lastUsedAt === null;
    case 'high':
      return view.volume7d > HIGH_VOLUME_7D;
  }
}
