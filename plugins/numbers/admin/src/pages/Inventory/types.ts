export type NumberClass = 'front_desk' | 'sitter' | 'pool';
export type NumberStatus = 'active' | 'quarantined' | 'inactive';
export type Health = 'healthy' | 'warning' | 'critical';

export interface InventoryRow {
  id: number;
  e164: string;
  display: string;
  numberClass: NumberClass;
  status: NumberStatus;
  assignedTo: string;
  sitter: { userId: number; displayName: string | null } | null;
  /** What the row offers; the server's domain decides (offeredActions), the guardrails check again on confirm. */
  actions: { assign: boolean; release: boolean; quarantine: boolean; releaseFromQuarantine: boolean };
  health: Health;
  deliveryErrors7d: number;
  volume7d: number;
  lastUsedAt: string | null;
  threadCount: number;
  monthlyCost: { amount: string; currency: string } | null;
  providerRef: string | null;
  capabilities: { sms: boolean; mms: boolean; voice: boolean } | null;
  addedAt: string | null;
  firstAssignedAt: string | null;
  lastAssignedAt: string | null;
  assignmentCount: number;
  quarantine: { reason: string; reasonLabel: string; note: string | null; since: string | null; cooldownUntil: string | null; daysRemaining: number } | null;
}

export interface Preview {
  allowed: boolean;
  refusal: string | null;
  confirmation: string;
  impacts: string[];
  threads: Array<{ conversationId: string; clientLabel: string }>;
}

export interface Sitter {
  userId: number;
  displayName: string;
  active: boolean;
  number: string | null;
}

export const CLASS_LABEL: Record<NumberClass, string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool' };
export const STATUS_LABEL: Record<NumberStatus, string> = { active: 'Active', quarantined: 'Quarantined', inactive: 'Inactive' };
export const HEALTH_LABEL: Record<Health, string> = { healthy: 'Healthy', warning: 'Warning', critical: 'Critical' };
export const REASONS = [
  ['delivery_failures', 'Delivery failures'],
  ['policy_violation', 'Policy violation'],
  ['manual_review', 'Manual review'],
  ['other', 'Other'],
] as const;

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');
