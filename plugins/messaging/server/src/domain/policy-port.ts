import type { RouteType } from './route-matrix';

/**
 * The policy port (issue 18, API.md "Anti-poaching policy"): messaging asks the policy plugin, which sits above it,
 * whether a message to or from a client may reach the other side. Policy fills it at bootstrap; until then everything
 * goes through. The check runs inside the message's transaction (under a savepoint), after the message is stored, so a
 * violation policy opens is written with the message or not at all.
 */
export interface MessageToCheck {
  conversationId: number;
  /** The stored message's id (its ordering key). */
  messageId: string;
  /**
   * The routes policy checks: SITTER_TO_CLIENT and AUTOMATION_TO_CLIENT sends, and CLIENT_INBOUND messages routed to
   * a sitter (staff sends never, nor a client's SMS that went to the owner inbox).
   */
  routeType: Extract<RouteType, 'SITTER_TO_CLIENT' | 'AUTOMATION_TO_CLIENT' | 'CLIENT_INBOUND'>;
  bodyText: string;
  sender: { key: string; role: string; displayName: string };
  businessNumber: string | null;
  clientPhone: string | null;
  /** CLIENT_INBOUND only: the sitter routing gave the message to. */
  routedSitterId?: number | null;
}

/** The routes the policy checks (a CLIENT_INBOUND message only when routed to a sitter); staff sends never. */
export const POLICY_CHECKED: ReadonlySet<string> = new Set<MessageToCheck['routeType']>(['SITTER_TO_CLIENT', 'AUTOMATION_TO_CLIENT', 'CLIENT_INBOUND']);

export type PolicyVerdict =
  | { action: 'allow' }
  /** A send, not sent: stored `blocked`; its sender and staff read `notice`, everyone else `redactedText`. */
  | { action: 'block'; notice: string; redactedText: string }
  /** A client's message to a sitter, kept from the sitter: stored `held` (the sitter reads a placeholder); staff read `notice` and `redactedText`. */
  | { action: 'hold'; notice: string; redactedText: string };

/** What staff read of a message's violation (API.md `Message.violation`). */
export interface MessageViolation {
  id: string;
  type: string;
  status: string;
}

export interface PolicyPort {
  check(message: MessageToCheck): Promise<PolicyVerdict>;
  /** Staff lists: each client thread's open violations (`flags.openViolations`), one question per page. */
  openViolationsOf(conversationIds: number[]): Promise<Map<number, number>>;
  /** `GET /messaging/conversations?flag=violation`: the threads with an open violation. */
  threadsWithOpenViolations(): Promise<number[]>;
  /** Staff reading messages: the violation each message opened (by message id), one question per page. */
  violationsOf(messageIds: string[]): Promise<Map<string, MessageViolation>>;
}

/** Before policy fills the port: everything goes through, and nothing has a violation. */
export const NO_POLICY: PolicyPort = {
  async check() {
    return { action: 'allow' };
  },
  async openViolationsOf() {
    return new Map();
  },
  async threadsWithOpenViolations() {
    return [];
  },
  async violationsOf() {
    return new Map();
  },
};
