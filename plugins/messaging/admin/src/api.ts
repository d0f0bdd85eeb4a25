// API.md's shapes as the staff pages hold them (written once, in the plugins' shared/ folders), and the few
// helpers every page shares.
import { displayNumber } from '@switchboard/kit/admin';
import type { Conversation, ConversationKind, ConversationNumber, Message as ServerMessage } from '../../shared/contracts';

export type { AuditEvent } from '@switchboard/audit/shared';
export type { StaffThreadAssignment as StaffAssignment } from '../../shared/contracts';
export type { Conversation, ConversationKind, ConversationNumber, GrantCandidates, MasqueradeGrant, StaffDirectory, StaffMe, TypingEvent } from '../../shared/contracts';

/** A message as the inbox holds it: the server's, or a local echo whose send is on its way or failed. */
export interface Message extends ServerMessage {
  /** Local echoes only: the send is on its way, or failed and may be retried with the same idempotency key. */
  local?: { status: 'pending' | 'failed'; problem?: string; request: Record<string, unknown> };
}

export const KIND_LABELS: Record<ConversationKind, string> = {
  business_admin: 'Business ↔ Admin team',
  admin_va: 'Admin ↔ VA (private)',
  business_va: 'Business thread with a VA',
  admin_sitter: 'Admin ↔ Sitter (private)',
  client: 'Client SMS',
};

/** The label of a conversation kind; a kind this page does not know yet reads as itself rather than blank. */
export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** The classes and states of a business number as the Number Inventory words them. */
const NUMBER_CLASS_LABELS: Record<ConversationNumber['numberClass'], string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool' };
const NUMBER_STATUS_LABELS: Record<ConversationNumber['status'], string> = { active: 'Active', quarantined: 'Quarantined', inactive: 'Inactive' };

export function numberClassLabel(numberClass: string): string {
  return (NUMBER_CLASS_LABELS as Record<string, string>)[numberClass] ?? numberClass;
}

/** A client thread's business number for reading: "+1 (415) 555-0100 · Front Desk", its state when not active. */
export function businessNumberLabel(number: ConversationNumber): string {
  const parts = [displayNumber(number.e164), numberClassLabel(number.numberClass)];
  if (number.status !== 'active') parts.push((NUMBER_STATUS_LABELS as Record<string, string>)[number.status] ?? number.status);
  return parts.join(' · ');
}

/** A client thread's header line: who texts which business number ("+1 (415) 555-0187 texts +1 (415) 555-0100 · Front Desk"). */
export function clientThreadLine(conversation: Conversation): string {
  if (!conversation.number) return 'Its business number is no longer in the inventory.';
  const phone = conversation.client?.phone;
  return `${phone ? `${displayNumber(phone)} texts` : 'Texts'} ${businessNumberLabel(conversation.number)}`;
}

/** An unread badge stays narrow: past 99 it reads "99+" (the exact count is in its accessible name). */
export { unreadCountText as unreadBadge } from './components/unread-title';

/** A UUID v4 for idempotency keys, also outside secure contexts where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function timeLabel(iso: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** A sitter to filter the inbox by (GET /people/sitters, reduced to what the picker shows). */
export interface SitterOption {
  id: string;
  displayName: string;
  active: boolean;
}
