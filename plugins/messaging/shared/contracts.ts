/**
 * API.md "Shapes" of the messaging plugin, as the server answers them and as the web app and the admin pages read
 * them: the one place these types are written (types only; nothing here runs). Ids are opaque decimal strings, times
 * ISO 8601 UTC strings.
 */

/** DOMAIN.md "Conversations". */
export type ConversationKind = 'business_admin' | 'admin_va' | 'business_va' | 'admin_sitter' | 'client';

/** DOMAIN.md "Route types". */
export type RouteType =
  | 'BUSINESS_TO_ADMIN'
  | 'ADMIN_TO_BUSINESS'
  | 'ADMIN_TO_VA_PRIVATE'
  | 'VA_TO_ADMIN'
  | 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS'
  | 'VA_TO_BUSINESS'
  | 'SITTER_TO_ADMIN'
  | 'ADMIN_TO_SITTER_PRIVATE'
  | 'CLIENT_INBOUND'
  | 'SITTER_TO_CLIENT'
  | 'STAFF_TO_CLIENT'
  | 'AUTOMATION_TO_CLIENT'
  | 'SYSTEM';

/** The role recipients see as the sender (effective role). */
export type EffectiveRole = 'business' | 'admin' | 'va' | 'sitter' | 'client' | 'automation' | 'system';

/** API.md `Message`, shaped for one viewer ("Viewer shaping"). */
export interface Message {
  id: string;
  conversationId: string;
  /** === id; compare with compareIds, never as numbers. */
  orderingKey: string;
  createdAt: string;
  /** A masquerade message reads BUSINESS_TO_VA to a VA or a Business. */
  routeType: RouteType | 'BUSINESS_TO_VA';
  /** "sent" | "edited" | "deleted" | SMS delivery states. */
  state: string;
  /** The viewer sent it (a masquerade message is "mine" only to its actor). */
  mine: boolean;
  sender: { displayName: string; role: EffectiveRole };
  /** Server-sanitized HTML: the only HTML a client renders. */
  bodyHtml: string;
  bodyText: string;
  /** Only to its own sender. */
  idempotencyKey?: string;
  /** admin_va notes, staff view only. */
  visibleToBusiness?: boolean;
  /** Only to owners and admins. */
  masquerade?: { actor: { id: string; displayName: string }; forBusiness: { id: string; name: string } };
  /** Staff only, an inbound SMS with a recorded routing decision (API.md "Shapes (additions)"): who received it and why. */
  routing?: MessageRoutingView;
  /** A message the anti-poaching policy withheld (`state: "blocked"` or `"held"`): why, to its sender and to staff (API.md). */
  notice?: string;
  /** Staff only: the policy violation this message opened (API.md `Message.violation`), its status as of now. */
  violation?: { id: string; type: string; status: string };
  /** Staff only (issue 19): the open failure of a failed SMS, with the owner's Retry when one is possible. */
  deliveryFailure?: { id: string; reason: string; attempts: number; retryable: boolean; status: string; errorCode: number | null };
}

/** API.md "Routing": the rule ids, in their fixed order. */
export type RoutingRuleId = 'number_in_service' | 'pool_sender_check' | 'owner_override' | 'sitter_window' | 'default_owner_inbox';

/** A message's `routing` (staff view): the decision's id (GET /routing/history), its target, rule, and whether an override decided. */
export interface MessageRoutingView {
  decisionId: string;
  target: { type: 'sitter' | 'owner_inbox'; sitterId?: number; label: string };
  rule: RoutingRuleId;
  overridden: boolean;
}

/**
 * API.md "Shapes (additions)": a `client` thread's flags, staff view. `viaQuarantinedNumber`: a client texted a
 * quarantined or inactive number and landed here; `unmappedPoolSender`: a sender without an active thread texted a pool
 * number; `override`: the routing override active now. `openViolations` and `failedDeliveries` come with the policy
 * and compliance issues (0 until then).
 */
export interface ConversationFlags {
  viaQuarantinedNumber?: boolean;
  unmappedPoolSender?: boolean;
  openViolations: number;
  failedDeliveries: number;
  override?: { id: string; target: { type: 'sitter' | 'owner_inbox'; sitterId?: number; label: string }; endsAt: string | null };
}

/** The class of a business number (the numbers plugin's Number Inventory). */
export type NumberClass = 'front_desk' | 'sitter' | 'pool';

/** API.md "Shapes (additions)": the client of a `client` thread, staff view. `id` (people's documentId) is absent until the thread knows its client; then `name` is the phone. */
export interface ConversationClient {
  id?: string;
  name: string;
  phone: string;
}

/**
 * API.md "Shapes (additions)", `sitter:` line: the client of a `client` thread as a sitter reads it, first name + " · " +
 * booking label ("Casey · Weekly visits"); never a phone number. (The `never` fields let a reader of the staff shape
 * still write `client?.phone`.)
 */
export interface SitterConversationClient {
  displayName: string;
  id?: never;
  name?: never;
  phone?: never;
}

/** API.md "Shapes (additions)": the assignment window that lets a sitter see a `client` thread now (sitter view). */
export interface SitterAssignment {
  window: { id: string; startsAt: string; endsAt: string };
}

/**
 * API.md "Shapes (additions)", staff line: a `client` thread's assigned sitter and window — the window active now, else
 * the next one to start; absent when the thread has neither. `sitter.id` is the sitter's user id (the inbox's
 * `sitterId` filter), `window.id` the assignment window's id (GET /assignments/windows).
 */
export interface StaffThreadAssignment {
  sitter: { id: number; displayName: string };
  window: { id: string; startsAt: string; endsAt: string; status: 'active' | 'future' };
}

/** The server → client `conversation:removed` event: a sitter's window on a client thread ended. */
export interface ConversationRemovedEvent {
  conversationId: string;
}

/** API.md "Shapes (additions)": the business number a `client` thread texts on, staff view. */
export interface ConversationNumber {
  e164: string;
  /** The number written for people, as the Number Inventory writes it: +1 (415) 555-0100. */
  display: string;
  numberClass: NumberClass;
  status: 'active' | 'quarantined' | 'inactive';
}

/** API.md `Conversation`: the title, last message and unread count are the viewer's own. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  /** A client thread reads as the client's name to staff. */
  title: string;
  businessId?: string;
  lastMessage?: Message;
  unreadCount: number;
  updatedAt: string;
  /** A `client` thread: the staff view (name and phone), or the sitter view (`displayName` only). */
  client?: ConversationClient | SitterConversationClient;
  /**
   * A `client` thread only. Sitter view: the window that is active now (`SitterAssignment`). Staff view: the assigned
   * sitter and window (`StaffThreadAssignment`), absent when none.
   */
  assignment?: SitterAssignment | StaffThreadAssignment;
  /** Staff view of a `client` thread only; absent when its number is no longer in the inventory. */
  number?: ConversationNumber;
  /** Staff view of a `client` thread only. */
  flags?: ConversationFlags;
  /**
   * To a business, VA or sitter in a thread with the Admin team (business_admin, admin_va, admin_sitter): the newest
   * message any staff member has read ("Seen by Admin team"); absent until one has. Never says which staff member.
   */
  seenByStaffUpToId?: string;
}

/** API.md `SystemMessage` (PRD §6.3): in GET /api/conversations when the list is empty or the caller is gated. */
export interface SystemMessage {
  title: 'Welcome to Messages';
  bodyHtml: string;
}

/** The server → client `conversation:seen` event, to a thread's app users when the Admin team read further. */
export interface ConversationSeenEvent {
  conversationId: string;
  seenByStaffUpToId: string;
}

/**
 * The server → client `sync:needed` event (issue 25): this node missed message events from another node (its link
 * to Postgres was cut, say), so live events may be missing. Every socket resyncs each thread it shows with `sync`
 * from the older of its newest message and `sinceId` (duplicates are merged away), and reloads its list.
 */
export interface SyncNeededEvent {
  /** The moment the resync reaches back to (ISO 8601). */
  since: string;
  /** The lowest message id of that moment: `sync` from it brings every message created since. */
  sinceId: string;
  /**
   * Wait a random time below this many milliseconds before resyncing, so the node's sockets do not all ask at once
   * (it grows with how many sockets the node holds).
   */
  spreadMs: number;
}

/** GET /messaging/unread `data`: the signed-in staff member's unread messages across every conversation. */
export interface StaffUnread {
  total: number;
}

/** The server → client `typing` event; to app users `user.id` is opaque. */
export interface TypingEvent {
  conversationId: string;
  user: { id: string; displayName: string };
  typing: boolean;
}

// The staff inbox's own routes (admin panel).

/** GET /messaging/me: what this staff member may do, as the server decides it. */
export interface StaffMe {
  id: string;
  key: string;
  displayName: string;
  capabilities: { send: boolean; masquerade: boolean; manageGrants: boolean; readAudit: boolean };
  features: { masquerade: boolean; typingIndicators: boolean };
  /** The businesses this staff member may reply to VAs as. */
  masqueradeBusinesses: { id: string; name: string }[];
}

/** GET /messaging/directory: businesses and VAs, for filters and new conversations. */
export interface StaffDirectory {
  businesses: { id: string; name: string }[];
  vas: { id: string; displayName: string }[];
}

/** One masquerade grant (GET /messaging/masquerade-grants `data[]`). */
export interface MasqueradeGrant {
  id: string;
  admin: { id: string; displayName: string; email: string };
  business: { id: string; name: string };
  grantedAt: string;
}

/** Who a grant can name (GET /messaging/masquerade-grants `meta`). */
export interface GrantCandidates {
  admins: { id: string; displayName: string; email: string }[];
  businesses: { id: string; name: string }[];
}
