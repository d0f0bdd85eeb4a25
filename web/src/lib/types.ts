/** The shapes of API.md "Shapes", as the app reads them. Ids are opaque decimal strings. */
export type Role = 'business' | 'va' | 'sitter';
export type ConversationKind = 'business_admin' | 'admin_va' | 'business_va' | 'client';

export interface Message {
  id: string;
  conversationId: string;
  orderingKey: string;
  createdAt: string;
  routeType: string;
  /** Server states ("sent", "edited", "deleted", SMS delivery states), or a local echo's "pending" / "failed". */
  state: string;
  mine: boolean;
  sender: { displayName: string; role: string };
  /** Server-sanitized HTML; the only HTML the app ever renders. Empty on local echoes. */
  bodyHtml: string;
  bodyText: string;
  idempotencyKey?: string;
  /** Local echoes only: why the server refused the send. */
  error?: string;
}

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string;
  businessId?: string | null;
  lastMessage?: Message | null;
  unreadCount: number;
  updatedAt: string;
}

export interface SystemMessage {
  title: string;
  bodyHtml: string;
}

export interface Gating {
  canCompose: boolean;
  reason?: string;
  cta?: { label: string; href: string };
}

export interface Profile {
  user: { id: string | number; displayName: string; role: Role };
  business?: { id: string | number; name: string; profileCompleteness: number; missingFields: string[]; fields?: Record<string, string | null> } & Record<string, unknown>;
  gating: Gating;
}
