/**
 * What a person writes, turned into what the API takes (DOMAIN.md "Route types", API.md "Bodies").
 * Pure.
 */
import type { ConversationKind, Role } from './types';
import { textToMessageHtml } from '../../../plugins/messaging/server/src/domain/text-to-html';

/** Plain text as message HTML: the messaging plugin's one conversion, shared with the server and the staff inbox. */
export { textToMessageHtml };

export type ComposeRule = { routeType: string } | { routeType: null; reason: string };

/** The route a member of the app sends on in a conversation of this kind, or why they cannot write there. */
export function composeRule(role: Role, kind: ConversationKind): ComposeRule {
  if (role === 'business' && kind === 'business_admin') return { routeType: 'BUSINESS_TO_ADMIN' };
  if (role === 'va' && kind === 'admin_va') return { routeType: 'VA_TO_ADMIN' };
  if (role === 'va' && kind === 'business_va') return { routeType: 'VA_TO_BUSINESS' };
  if (role === 'sitter' && kind === 'client') return { routeType: 'SITTER_TO_CLIENT' };
  if (role === 'sitter' && kind === 'admin_sitter') return { routeType: 'SITTER_TO_ADMIN' };
  if (role === 'business' && kind === 'business_va') return { routeType: null, reason: 'You can read this conversation; replies to your VA go through the Admin team.' };
  return { routeType: null, reason: 'You can read this conversation but not write in it.' };
}

/** API.md: bodyHtml is limited to 10,000 characters as received. */
export const MAX_BODY_HTML = 10_000;

/** A sentence saying why this text cannot be sent, or null when it can. */
export function composeProblem(text: string): string | null {
  if (text.trim().length === 0) return 'Write a message first.';
  if (textToMessageHtml(text).length > MAX_BODY_HTML) return 'This message is too long; split it into shorter messages.';
  return null;
}
