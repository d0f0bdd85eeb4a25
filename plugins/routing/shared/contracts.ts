/** API.md "Routing" shapes, shared by the routing plugin's server and its admin page. */

export type RoutingRuleId = 'number_in_service' | 'pool_sender_check' | 'owner_override' | 'sitter_window' | 'default_owner_inbox';

/** GET /routing/rules */
export interface RoutingRuleRow {
  id: RoutingRuleId;
  name: string;
  priority: number;
  description: string;
  status: 'active' | 'inactive';
  lastEvaluatedAt: string | null;
  evaluations24h: number;
}

export interface RoutingStepView {
  n: number;
  check: string;
  result: string;
}

export interface RoutingTargetView {
  type: 'sitter' | 'owner_inbox' | 'client';
  sitterId?: number;
  label: string;
}

/** POST /routing/simulate */
export interface Simulation {
  steps: RoutingStepView[];
  target: RoutingTargetView;
  reason: string;
  matchedRule: RoutingRuleId | null;
  overridden: boolean;
  /** The time evaluated (ISO), and the organisation's zone the trace reads in. */
  at: string;
  timeZone: string;
}

/** API.md `Override` */
export interface Override {
  id: string;
  conversationId: string;
  target: { type: 'owner_inbox' | 'sitter'; sitterId?: number; label: string };
  duration: '1h' | '4h' | '24h' | 'until_removed';
  reason: string;
  status: 'active' | 'expired' | 'removed';
  startsAt: string;
  /** null: until removed. */
  endsAt: string | null;
  createdBy: { id: number | null; displayName: string };
  removedAt: string | null;
  removedBy: string | null;
}

/** API.md `RoutingDecision` */
export interface RoutingDecision {
  id: string;
  at: string;
  conversationId: string;
  messageId: string | null;
  steps: RoutingStepView[];
  target: RoutingTargetView;
  reason: string;
  matchedRule: RoutingRuleId;
  overridden: boolean;
  overrideId: string | null;
  rulesetHash: string;
}
