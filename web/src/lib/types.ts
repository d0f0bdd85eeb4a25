/**
 * The shapes of API.md, as the app holds them. They are written once, beside the plugin that answers them
 * (`plugins/<name>/shared/contracts.ts`); the app only adds what a local echo carries.
 */
import type { Conversation as ServerConversation, Message as ServerMessage, SitterAssignment, SitterConversationClient } from '$messaging/contracts';

export type { ConversationKind, ConversationRemovedEvent, ConversationSeenEvent, RouteType, SyncNeededEvent, SystemMessage } from '$messaging/contracts';
export type { SitterWindow } from '$assignments/contracts';
export type { AppRole as Role, Gating, Profile } from '$people/contracts';

/** A message from the server, or a local echo (state "pending" or "failed") not yet acknowledged. */
export interface Message extends Omit<ServerMessage, 'routeType' | 'notice'> {
  /** A local echo's is the compose rule's, kept as text in the outbox; RouteType once compose.ts and outbox.ts hold one. */
  routeType: ServerMessage['routeType'] | string;
  /** Local echoes only: why the server refused the send. */
  error?: string;
  /** API.md "Shapes (additions)": to its sender, why a message was not sent (a blocked SMS). */
  notice?: string;
}

/**
 * A conversation as the app holds it: its last message may be a local echo, or none. A sitter's `client` thread
 * carries the client's label and the window it is open for (API.md "Shapes (additions)", the `sitter:` line); the
 * app reads nothing else of `client`, and never a phone number.
 */
export interface Conversation extends Omit<ServerConversation, 'lastMessage' | 'client'> {
  lastMessage?: Message | null;
  /** App users only ever read the sitter's shape of a client (the staff one, with the phone, is for the admin panel). */
  client?: SitterConversationClient;
  assignment?: SitterAssignment;
}
