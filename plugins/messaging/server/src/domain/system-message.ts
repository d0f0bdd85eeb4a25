import { sanitizeMessageHtml } from './sanitize';

/** PRD §6.3 "Default system message": shown at /conversations when the list is empty or the user is gated. */
export interface SystemMessage {
  title: 'Welcome to Messages';
  bodyHtml: string;
}

const BODIES: Record<'business' | 'va' | 'sitter', string> = {
  business:
    '<p>To get started, complete your business profile, then start a conversation with Admin. You can manage your account on the <a href="/dashboard">Dashboard</a>.</p>',
  va: '<p>Your conversations with the Admin team will appear here. You can manage your account on the <a href="/dashboard">Dashboard</a>.</p>',
  sitter:
    '<p>Conversations with your clients appear here while your assignment windows are active. You can manage your account on the <a href="/dashboard">Dashboard</a>.</p>',
};

export function systemMessageFor(role: 'business' | 'va' | 'sitter'): SystemMessage {
  // Authored copy still goes through the one sanitizer, like every other body.
  return { title: 'Welcome to Messages', bodyHtml: sanitizeMessageHtml(BODIES[role]).bodyHtml };
}

/** API.md: present when the caller has no conversations or is gated. */
export const shouldShowSystemMessage = (conversationCount: number, canCompose: boolean): boolean =>
  conversationCount === 0 || !canCompose;
