/**
 * The conversation list as the app holds it (API.md `Conversation`): ids as strings, most recent activity first,
 * one entry per id. Pure: inputs are never mutated.
 */
import { compareIds } from './ordering';
import { furthestId, withReadMark as withMark } from '../../../plugins/messaging/server/src/domain/read-marks';
import type { Conversation, Message } from './types';

export const normalizeMessage = (m: Message): Message => ({ ...m, id: String(m.id), orderingKey: String(m.orderingKey ?? m.id), conversationId: String(m.conversationId) });

export const normalizeConversation = (c: Conversation): Conversation => ({
  ...c,
  id: String(c.id),
  lastMessage: c.lastMessage ? normalizeMessage(c.lastMessage) : null,
});

export const sortByActivity = (list: readonly Conversation[]): Conversation[] =>
  [...list].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));

/** The furthest of two Admin team read marks: the mark only ever moves on, so an update counted earlier never takes it back. */
export const furthestSeen = furthestId;

/**
 * The list with this conversation added or replaced, still most recent first. How far the Admin team has read is kept
 * at the furthest mark heard (conversation:seen may arrive before an update counted a moment earlier).
 */
export const upsertConversation = (list: readonly Conversation[], conversation: Conversation): Conversation[] => {
  const next = normalizeConversation(conversation);
  const held = list.find((c) => c.id === next.id);
  const seen = furthestSeen(held?.seenByStaffUpToId, next.seenByStaffUpToId);
  const kept = seen === next.seenByStaffUpToId ? next : { ...next, seenByStaffUpToId: seen };
  return sortByActivity([...list.filter((c) => c.id !== next.id), kept]);
};

/**
 * The conversation as this reader holds it: once they marked it read up to its newest message (`readMark`, an
 * ordering key), nothing in it is unread, whatever an update counted before the mark reached the server. A
 * conversation:updated counted at a send (or at the end of its coalescing window) can arrive after the reader already
 * read that message; without this, its stale count would show as a badge until the next update.
 */
export const withReadMark = (conversation: Conversation, readMark: string | undefined): Conversation => withMark(conversation, conversation.lastMessage?.orderingKey, readMark);

/** The conversation as it reads once this message arrived, or null when the message is not its newest. */
export function withArrived(conversation: Conversation, message: Message): Conversation | null {
  const last = conversation.lastMessage;
  if (last && compareIds(last.orderingKey, message.orderingKey) > 0) return null;
  return { ...conversation, lastMessage: message, updatedAt: message.createdAt };
}

/** The list without this conversation (a sitter's window on it ended: API.md `conversation:removed`). */
export const withoutConversation = (list: readonly Conversation[], conversationId: string): Conversation[] =>
  list.filter((c) => c.id !== String(conversationId));

/** The client's first name in a sitter's thread: "Casey" of "Casey · Weekly visits" (the label, never a number). */
export function clientFirstName(conversation: Pick<Conversation, 'title' | 'client'> | undefined): string | null {
  const label = conversation?.client?.displayName || conversation?.title || '';
  const name = label.split(' · ')[0].trim();
  return name.length > 0 ? name : null;
}

/** What a sitter reads in place of a thread whose window ended. */
export function windowEndedSentence(conversation: Pick<Conversation, 'title' | 'client'> | undefined): string {
  const name = clientFirstName(conversation);
  return `Your window with ${name ?? 'this client'} has ended. The thread is hidden until your next window.`;
}

/**
 * The client threads in `before` that a fresh list no longer has: a window that ended while this device was away
 * (its `conversation:removed` never arrived). Other kinds never leave a list this way.
 */
export const vanishedClientThreads = (before: readonly Conversation[], after: readonly Conversation[]): Conversation[] => {
  const kept = new Set(after.map((c) => String(c.id)));
  return before.filter((c) => c.kind === 'client' && !kept.has(String(c.id)));
};

/**
 * An unread badge: the server stops counting at 100 (issue 24), so past 99 it reads "99+" and says "more than 99
 * unread" to a screen reader.
 */
export const unreadBadge = (count: number): { text: string; label: string } =>
  count > 99 ? { text: '99+', label: 'more than 99 unread' } : { text: String(count), label: `${count} unread` };
