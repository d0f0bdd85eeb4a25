/**
 * The routing port (issue 17; API.md "Routing", DOMAIN.md "Visibility for sitters"). Messaging sits below routing, so
 * messaging declares this port and routing fills it at bootstrap
 * (`strapi.plugin('messaging').service('routing').fill(port)`). Until it is filled every inbound SMS goes to the owner
 * inbox by `default_owner_inbox` with no recorded decision, and no thread has an override.
 */

/** API.md "Routing": the five rules, in their fixed order. */
export type RoutingRuleId = 'number_in_service' | 'pool_sender_check' | 'owner_override' | 'sitter_window' | 'default_owner_inbox';

/** Who receives an inbound SMS. */
export interface InboundTarget {
  type: 'sitter' | 'owner_inbox';
  /** The sitter's user id when `type` is `sitter`. */
  sitterId?: number;
  /** In words: "Sam Sitter", "Owner inbox". */
  label: string;
}

/** An inbound SMS just stored, asked about inside messaging's receive transaction (routing joins it). */
export interface InboundToRoute {
  conversationId: number;
  /** The stored message's id (its ordering key, a decimal string). */
  messageId: string;
  /** people's documentId; null when people refused the phone. */
  clientId: string | null;
  clientPhone: string;
  /** The business number the client texted (E.164). */
  businessNumber: string;
  /** This SMS opened the thread (nobody had texted on this number pair before). */
  threadCreated: boolean;
  at: Date;
}

/** The decision routing recorded for one inbound SMS. */
export interface InboundRouting {
  /** The recorded RoutingDecision's id. */
  decisionId: string;
  target: InboundTarget;
  rule: RoutingRuleId;
  overridden: boolean;
  /** Thread flags messaging stores on the conversation (API.md "Shapes (additions)", `flags`). */
  flags: { viaQuarantinedNumber?: boolean; unmappedPoolSender?: boolean };
  /** Text messaging sends back to the client as AUTOMATION_TO_CLIENT after commit (the pool auto-response), or null. */
  autoResponse: string | null;
}

/** A message's `routing` in the staff shape (API.md "Shapes (additions)"). */
export interface MessageRouting {
  decisionId: string;
  target: InboundTarget;
  rule: RoutingRuleId;
  overridden: boolean;
}

/** A thread's active override as `flags.override` shows it to staff. */
export interface ThreadOverride {
  id: string;
  target: InboundTarget;
  /** ISO time the override ends; null for "until removed". */
  endsAt: string | null;
}

/** A sitter override: that sitter sees and messages the thread while it lasts (API.md "Overrides"). */
export interface SitterOverride {
  overrideId: string;
  conversationId: number;
  sitterUserId: number;
  startsAt: Date;
  /** null: until removed. */
  endsAt: Date | null;
}

export interface RoutingPort {
  /** Decides and records who receives this inbound SMS. Never throws for a rule's sake: a failure answers the owner inbox and is logged. */
  routeInbound(inbound: InboundToRoute): Promise<InboundRouting>;
  /** The `routing` of each of these messages that has a recorded decision (one question for a page). */
  routingOf(messageIds: string[]): Promise<Map<string, MessageRouting>>;
  /** The active override of each of these threads that has one at `now`. */
  overridesOf(conversationIds: number[], now: Date): Promise<Map<number, ThreadOverride>>;
  /** The sitter overrides active at `now`: of one sitter (sitterUserId), or on one thread (conversationId). */
  sitterOverrides(filter: { sitterUserId?: number; conversationId?: number }, now: Date): Promise<SitterOverride[]>;
  /** Every sitter override (active or past) of this sitter on this thread: with their windows, the periods whose messages they see. */
  sitterOverridePeriods(sitterUserId: number, conversationId: number): Promise<Array<{ startsAt: Date; endsAt: Date | null }>>;
}

/** The port before routing fills it: everything to the owner inbox, nothing recorded, no overrides. */
export const NO_ROUTING: RoutingPort = {
  routeInbound: async () => ({
    decisionId: '',
    target: { type: 'owner_inbox', label: 'Owner inbox' },
    rule: 'default_owner_inbox',
    overridden: false,
    flags: {},
    autoResponse: null,
  }),
  routingOf: async () => new Map(),
  overridesOf: async () => new Map(),
  sitterOverrides: async () => [],
  sitterOverridePeriods: async () => [],
};
