/**
 * The conversation list as the app holds it (API.md `Conversation`): ids as strings, most recent activity first,
 * one entry per id. Pure: inputs are never mutated.
 */
import { compareIds } from './ordering';
import type { Conversation, Message } from './types';

export const normalizeMessage = (m: Message): Message => ({ ...m, id: String(m.id), orderingKey: String(m.orderingKey ?? m.id), conversationId: String(m.conversationId) });

export const normalizeConversation = (c: Conversation): Conversation => ({
  ...c,
  id: String(c.id),
  lastMessage: c.lastMessage ? normalizeMessage(c.lastMessage) : null,
});

export const sortByActivity = (list: readonly Conversation[]): Conversation[] =>
  [...list].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));

/** The list with this conversation added or replaced, still most recent first. */
export const upsertConversation = (list: readonly Conversation[], conversation: Conversation): Conversation[] => {
  const next = normalizeConversation(conversation);
  return sortByActivity([...list.filter((c) => c.id !== next.id), next]);
};

/** The conversation as it reads once this message arrived, or null when the message is not its newest. */
export function withArrived(conversation: Conversation, message: Message): Conversation | null {
  const last = conversation.lastMessage;
  if (last && compareIds(last.orderingKey, message.orderingKey) > 0) return null;
  return { ...conversation, lastMessage: message, updatedAt: message.createdAt };
}
