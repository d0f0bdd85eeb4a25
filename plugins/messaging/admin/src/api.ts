// Shapes of API.md as the staff pages read them, and the few helpers every page shares.
export type ConversationKind = 'business_admin' | 'admin_va' | 'business_va' | 'client';

export interface Message {
  id: string;
  conversationId: string;
  orderingKey: string;
  createdAt: string;
  routeType: string;
  state: string;
  mine: boolean;
  sender: { displayName: string; role: string };
  bodyHtml: string;
  bodyText: string;
  idempotencyKey?: string;
  visibleToBusiness?: boolean;
  masquerade?: { actor: { id: string; displayName: string }; forBusiness: { id: string; name: string } };
  /** Local echoes only: the send is on its way, or failed and may be retried with the same idempotency key. */
  local?: { status: 'pending' | 'failed'; problem?: string; request: Record<string, unknown> };
}

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string;
  businessId?: string;
  lastMessage?: Message;
  unreadCount: number;
  updatedAt: string;
}

export interface AuditEvent {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string; displayName: string; role: string };
  effectiveRole: string;
  conversationId?: string;
  messageId?: string;
  details: Record<string, any>;
}

export interface Me {
  id: string;
  key: string;
  displayName: string;
  capabilities: { send: boolean; masquerade: boolean; manageGrants: boolean; readAudit: boolean };
  features: { masquerade: boolean; typingIndicators: boolean };
  masqueradeBusinesses: { id: string; name: string }[];
}

export interface Directory {
  businesses: { id: string; name: string }[];
  vas: { id: string; displayName: string }[];
}

export const KIND_LABELS: Record<ConversationKind, string> = {
  business_admin: 'Business ↔ Admin team',
  admin_va: 'Admin ↔ VA (private)',
  business_va: 'Business thread with a VA',
  client: 'Client SMS',
};

/** A UUID v4 for idempotency keys, also outside secure contexts where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Plain text from the compose box as the HTML body the API takes (the server sanitizes it again). */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function timeLabel(iso: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
