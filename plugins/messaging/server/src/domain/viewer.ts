import type { ConversationNumber } from '../../../shared/contracts';

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
  kind: 'business_admin' | 'admin_va' | 'business_va' | 'admin_sitter' | 'client';
  businessId: number | null;
  businessName: string | null;
  vaUserId: number | null;
  vaName: string | null;
  /** admin_sitter threads: the sitter's user id and name. */
  sitterUserId?: number | null;
  sitterName?: string | null;
  businessVisible: boolean;
  /** client threads: the client's real number (staff only) and the business number it texts. */
  clientPhone?: string | null;
  businessNumber?: string | null;
  /** client threads: the client (people's documentId) and their name, once the thread knows them. */
  clientId?: string | null;
  clientName?: string | null;
  /** client threads: the business number's class and status, as the inventory holds it. */
  number?: ConversationNumber | null;
  /** client threads, routing's flags (issue 17): a client texted a quarantined number; an unmapped pool sender. */
  viaQuarantinedNumber?: boolean;
  unmappedPoolSender?: boolean;
  lastActivityAt: Date | string;
  lastMessageId?: string | null;
}

/**
 * DOMAIN.md "Conversations": which app users see a conversation of each kind — its business always, only while the
 * thread is shown to it (`businessVisible`), or never; its VA or not; its sitter or not. Staff see every conversation;
 * a sitter sees only their own Admin team thread here (client threads reach them with assignment windows, a later
 * issue). The check below, the SQL list (services/conversations.ts) and the socket rooms (services/fan-out.ts) all
 * derive from this one table.
 */
export const APP_VISIBILITY: Readonly<Record<ConversationRecord['kind'], { business: 'always' | 'when_shown' | 'never'; va: boolean; sitter: boolean }>> = {
  business_admin: { business: 'always', va: false, sitter: false },
  admin_va: { business: 'never', va: true, sitter: false },
  business_va: { business: 'when_shown', va: true, sitter: false },
  admin_sitter: { business: 'never', va: false, sitter: true },
  client: { business: 'never', va: false, sitter: false },
};

const KINDS = Object.keys(APP_VISIBILITY) as ConversationRecord['kind'][];

/** The kinds a business sees always, those it sees while shown to it, and the kinds a VA sees: the SQL list's filter. */
export const visibleKinds = {
  businessAlways: KINDS.filter((k) => APP_VISIBILITY[k].business === 'always'),
  businessWhenShown: KINDS.filter((k) => APP_VISIBILITY[k].business === 'when_shown'),
  va: KINDS.filter((k) => APP_VISIBILITY[k].va),
  sitter: KINDS.filter((k) => APP_VISIBILITY[k].sitter),
};

/** An app user who sees a conversation: its business's users, one VA, or one sitter. */
export type AppAudience = { kind: 'business'; businessId: number } | { kind: 'va'; userId: number } | { kind: 'sitter'; userId: number };

/** The app users who see this conversation (staff see all of them). */
export function appAudiences(c: Pick<ConversationRecord, 'kind' | 'businessId' | 'vaUserId' | 'businessVisible' | 'sitterUserId'>): AppAudience[] {
  const rule = APP_VISIBILITY[c.kind];
  const audiences: AppAudience[] = [];
  if (c.businessId !== null && (rule.business === 'always' || (rule.business === 'when_shown' && c.businessVisible))) {
    audiences.push({ kind: 'business', businessId: c.businessId });
  }
  if (rule.va && c.vaUserId !== null) audiences.push({ kind: 'va', userId: c.vaUserId });
  if (rule.sitter && c.sitterUserId != null) audiences.push({ kind: 'sitter', userId: c.sitterUserId });
  return audiences;
}

/** DOMAIN.md "Conversations": who sees which conversation. A conversation one may not see is answered as missing. */
export function canSeeConversation(viewer: Viewer, c: ConversationRecord): boolean {
  if (viewer.kind === 'staff') return true;
  return appAudiences(c).some((a) =>
    a.kind === 'business' ? viewer.kind === 'business' && viewer.businessId === a.businessId : viewer.kind === a.kind && viewer.userId === a.userId,
  );
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
    case 'admin_sitter':
      return viewer.kind === 'staff' ? c.sitterName || 'Sitter' : 'Admin team';
    case 'client':
      return viewer.kind === 'staff' ? c.clientName || c.clientPhone || 'Client' : 'Client';
  }
}
