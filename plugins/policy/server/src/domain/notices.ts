/**
 * The sentences the policy speaks (API.md "Anti-poaching policy", OPS §4.8), each naming what was found. Pure.
 */
import type { ContactType } from './detector';
import { TYPE_TITLES } from './labels';

/** The words a finding's type is named by in sentences ("contains a phone number"). */
export const TYPE_WORDS: Record<ContactType, string> = {
  phone_number: 'a phone number',
  email: 'an email address',
  url: 'a link',
  social_handle: 'a social media handle',
};

/** "a phone number", "a phone number and an email address", "a link, an email address and a phone number". */
export function typeList(types: readonly string[]): string {
  const words = types.map((t) => TYPE_WORDS[t as ContactType] ?? 'contact details');
  if (words.length === 0) return 'contact details';
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** API.md's notice to the sender of a blocked message (and to staff). */
export function blockedNotice(types: readonly string[]): string {
  return `This message was not sent because it contains ${typeList(types)}. Keep conversations on this business number; the owner has been told.`;
}

/** What staff read on a client's message held from its sitter. */
export function heldNotice(types: readonly string[]): string {
  return `This message was held for review because it contains ${typeList(types)}. The sitter sees it only if an owner approves it.`;
}

export interface NoticeSubject {
  actionTaken: 'blocked' | 'held';
  senderRole: string;
  senderName: string;
  clientName: string;
  types: readonly string[];
}

/** DOMAIN.md "Owner inbox notice": the staff-only note in the thread. */
export function ownerNoticeText(s: NoticeSubject): string {
  const what = typeList(s.types);
  if (s.actionTaken === 'held') return `Policy violation: ${s.clientName}'s message to the sitter was held because it contains ${what}. Review it under Policy violations.`;
  const who = s.senderRole === 'automation' ? `An automated message to ${s.clientName}` : `${s.senderName}'s message to ${s.clientName}`;
  return `Policy violation: ${who} was blocked because it contains ${what}. Review it under Policy violations.`;
}

/** OPS §4.8 "Sends warning to sender (if configured)": the reminder a sitter reads in their Admin team thread. */
export function senderWarningText(clientName: string, types: readonly string[]): string {
  const first = clientName.trim().split(/\s+/)[0] || 'your client';
  return `Reminder: keep every conversation with clients on the business number. Your message to ${first} was not sent because it contained ${typeList(types)}, and the owner will review it.`;
}

/** The alert's title (OPS §4.8 "Policy violation: [Thread] - [Violation type]"). */
export function violationTitle(clientName: string, type: string): string {
  return `Policy violation: ${clientName} - ${TYPE_TITLES[type] ?? 'Contact details'}`;
}
