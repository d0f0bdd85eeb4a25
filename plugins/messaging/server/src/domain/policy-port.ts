import type { RouteType } from './route-matrix';

/**
 * The policy port (issue 18, API.md "Anti-poaching policy"): messaging asks the policy plugin, which sits above it,
 * whether a message to a client may go out. Policy fills it at bootstrap; until then every send goes out. The check
 * runs inside the send's transaction (under a savepoint), after the message is stored, so a violation policy opens
 * is written with the message or not at all.
 */
export interface OutboundToCheck {
  conversationId: number;
  /** The stored message's id (its ordering key). */
  messageId: string;
  /** The routes policy checks: SITTER_TO_CLIENT and AUTOMATION_TO_CLIENT (staff sends never). */
  routeType: Extract<RouteType, 'SITTER_TO_CLIENT' | 'AUTOMATION_TO_CLIENT'>;
  bodyText: string;
  sender: { key: string; role: string; displayName: string };
  businessNumber: string | null;
  clientPhone: string | null;
}

export type OutboundVerdict =
  | { action: 'allow' }
  /** Not sent: stored `blocked`, its sender and staff read `notice`, everyone else `redactedText`. */
  | { action: 'block'; notice: string; redactedText: string };

export interface PolicyPort {
  checkOutbound(message: OutboundToCheck): Promise<OutboundVerdict>;
  /** Staff lists: each client thread's open violations (`flags.openViolations`), one question per page. */
  openViolationsOf(conversationIds: number[]): Promise<Map<number, number>>;
  /** `GET /messaging/conversations?flag=violation`: the threads with an open violation. */
  threadsWithOpenViolations(): Promise<number[]>;
}

/** Before policy fills the port: everything goes out, and no thread has a violation. */
export const NO_POLICY: PolicyPort = {
  async checkOutbound() {
    return { action: 'allow' };
  },
  async openViolationsOf() {
    return new Map();
  },
  async threadsWithOpenViolations() {
    return [];
  },
};
