import { createHash } from 'node:crypto';

/** API.md "Routing": the five rules, evaluated in this fixed order (OPS §3.2, DOMAIN.md "Numbers, routing, windows"). */
export type RoutingRuleId = 'number_in_service' | 'pool_sender_check' | 'owner_override' | 'sitter_window' | 'default_owner_inbox';

export interface RoutingRule {
  id: RoutingRuleId;
  priority: number;
  name: string;
  /** In words, for the rules table (OPS §3.2). */
  description: string;
}

export const RULES: readonly RoutingRule[] = [
  {
    id: 'number_in_service',
    priority: 1,
    name: 'Number In Service',
    description: 'If the client texted a quarantined or inactive number, route to the owner inbox, in the client’s thread, flagged.',
  },
  {
    id: 'pool_sender_check',
    priority: 2,
    name: 'Pool Number Sender Check',
    description: 'If the client texted a pool number without an active thread on it, route to the owner inbox and send the auto-response.',
  },
  {
    id: 'owner_override',
    priority: 3,
    name: 'Owner Override',
    description: 'If the owner set a routing override on the thread and it has not ended, route to its target.',
  },
  {
    id: 'sitter_window',
    priority: 4,
    name: 'Sitter Assignment Window Routing',
    description: 'If thread has assigned sitter and assignment window is active, route to sitter.',
  },
  {
    id: 'default_owner_inbox',
    priority: 5,
    name: 'Default Owner Inbox',
    description: 'If no other rule matched, route to the owner inbox.',
  },
];

export const RULE_IDS = RULES.map((r) => r.id) as RoutingRuleId[];

/** A short, stable hash of the rule set: stored on each decision, so a later change of the rules is visible. */
export const RULESET_HASH = createHash('sha256')
  .update(JSON.stringify(RULES.map((r) => [r.id, r.priority, r.description])))
  .digest('hex')
  .slice(0, 12);
