/**
 * Who is looking. Staff are admin-panel users (Owners and Messaging Admins); the others are app users.
 * `key` is the stable identity used for "mine", read state and idempotency: `admin:<id>` or `user:<id>`.
 */
export type Viewer =
  | { kind: 'staff'; key: string; adminId: number; displayName: string; masqueradeBusinessIds: ReadonlySet<number> }
  | { kind: 'business'; key: string; userId: number; displayName: string; businessId: number | null }
  | { kind: 'va'; key: string; userId: number; displayName: string }
  | { kind: 'sitter'; key: string; userId: number; displayName: string };

export const staffKey = (adminId: number | string) => `admin:${adminId}`;
export const userKey = (userId: number | string) => `user:${userId}`;

export interface ConversationRecord {
  id: number;
  kind: 'business_admin' | 'admin_va' | 'business_va' | 'client';
  businessId: number | null;
  businessName: string | null;
  vaUserId: number | null;
  vaName: string | null;
  businessVisible: boolean;
  /** client threads: the client's real number (staff only) and the business number it texts. */
  clientPhone?: string | null;
  businessNumber?: string | null;
  lastActivityAt: Date | string;
  lastMessageId?: string | null;
}

/** DOMAIN.md "Conversations": who sees which conversation. A conversation one may not see is answered as missing. */
export function canSeeConversation(viewer: Viewer, c: ConversationRecord): boolean {
  switch (viewer.kind) {
    case 'staff':
      return true;
    case 'business':
      if (viewer.businessId === null || c.businessId !== viewer.businessId) return false;
      return c.kind === 'business_admin' || (c.kind === 'business_va' && c.businessVisible);
    case 'va':
      return (c.kind === 'admin_va' || c.kind === 'business_va') && c.vaUserId === viewer.userId;
    case 'sitter':
      // Client threads reach sitters with assignment windows (a later issue); until then, none.
      return false;
  }
}

/** The conversation's name as this viewer should read it. */
export function conversationTitle(viewer: Viewer, c: ConversationRecord): string {
  const business = c.businessName || 'Business';
  const va = c.vaName || 'VA';
  switch (c.kind) {
    case 'business_admin':
      return viewer.kind === 'staff' ? business : 'Admin team';
    case 'admin_va':
      if (viewer.kind === 'staff') return c.businessName ? `${va} · about ${business}` : va;
      return 'Admin team';
    case 'business_va':
      if (viewer.kind === 'staff') return `${business} ↔ ${va}`;
      return viewer.kind === 'va' ? business : va;
    case 'client':
      return viewer.kind === 'staff' && c.clientPhone ? c.clientPhone : 'Client';
  }
}
