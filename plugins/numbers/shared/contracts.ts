/**
 * The Number Inventory's answers (admin routes at /numbers/…, OPS §3.1), as the server shapes them and the admin page
 * reads them: the one place these shapes are written (types only; nothing here runs). Times are ISO 8601 UTC strings.
 */

export type NumberClass = 'front_desk' | 'sitter' | 'pool';
export type NumberStatus = 'active' | 'quarantined' | 'inactive';
export type Health = 'healthy' | 'warning' | 'critical';
export type QuarantineReason = 'delivery_failures' | 'policy_violation' | 'manual_review' | 'other';

/** A thread that uses a number, named for an operator. */
export interface ThreadUsingNumber {
  conversationId: string;
  clientLabel: string;
}

/** One row of GET /numbers (`meta.capabilities` says what the caller may do). */
export interface InventoryNumber {
  id: number;
  e164: string;
  /** E.164 written for people: +1 (415) 555-0100. */
  display: string;
  numberClass: NumberClass;
  status: NumberStatus;
  /** "Front Desk", "Pool (unassigned)", the sitter's name… */
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
  /** "purchased" or "imported". */
  source: string;
  addedAt: string | null;
  firstAssignedAt: string | null;
  lastAssignedAt: string | null;
  assignmentCount: number;
  quarantine: {
    reason: QuarantineReason;
    reasonLabel: string;
    note: string | null;
    since: string | null;
    cooldownUntil: string | null;
    daysRemaining: number;
  } | null;
}

/** What GET /numbers answers besides the rows: what this admin may do, as the server decides it. */
export interface InventoryCapabilities {
  assign: boolean;
  release: boolean;
  buy: boolean;
  quarantine: boolean;
  bulk: boolean;
}

/** GET /numbers/:id: the row, the threads using it, its assignment history and recent delivery errors. */
export interface NumberDetail extends InventoryNumber {
  threads: ThreadUsingNumber[];
  history: Array<{
    kind: 'sitter' | 'quarantine';
    sitter: { userId: number; displayName: string | null } | null;
    startedAt: string;
    endedAt: string | null;
    endedReason: string | null;
  }>;
  /** The last 30 days. */
  deliveryErrors: Array<{ to: string; code: number | null; message: string | null; at: string }>;
}

/** GET /numbers/:id/preview: what a change would touch, and whether the guardrails allow it (OPS §3.1). */
export interface ImpactPreview {
  number: string;
  allowed: boolean;
  /** The guardrail's sentence when not allowed. */
  refusal: string | null;
  /** The confirmation sentence of OPS §3.1, with the impacts listed. */
  confirmation: string;
  impacts: string[];
  threads: ThreadUsingNumber[];
  reassignments: Array<{ conversationId: string; clientLabel: string; from: string; to: string }>;
  /** Quarantine only: true for the last active Front Desk number, which needs a replacement (`replacementId`). */
  needsReplacement: boolean;
  /** Quarantine of a Front Desk number: the active pool numbers that may become the Front Desk number. */
  replacementCandidates: ReplacementCandidate[];
  /** The replacement asked for with `?replacementId=`, once it is in the inventory. */
  replacement: ReplacementCandidate | null;
}

/** An active pool number that may take over as the Front Desk number. */
export interface ReplacementCandidate {
  id: number;
  e164: string;
  display: string;
}

/** GET /numbers/sitters: a sitter, whether they are active, and the number they hold. */
export interface SitterNumber {
  userId: number;
  displayName: string;
  active: boolean;
  number: string | null;
}

/** GET /numbers/available?areaCode=…: a number the provider offers, before anything is bought. */
export interface AvailableNumber {
  e164: string;
  locality: string | null;
  region: string | null;
  monthlyCost: { amount: string; currency: string };
}

/** Every change (assign, release, quarantine, release from quarantine, bulk) answers at least the sentence to show. */
export interface NumberChangeOutcome {
  message: string;
}
