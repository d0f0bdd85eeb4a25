/**
 * A reader's read marks against the conversation updates they hear (web app and staff inbox alike). A
 * conversation:updated is counted at a send, or at the end of its coalescing window, so it can arrive after the reader
 * already read that message, or after a newer mark: an update must never take a mark back. Pure.
 */
import { compareIds } from './snowflake';

/** The furthest of two marks (message ids): a mark only ever moves on. */
export const furthestId = (a: string | undefined, b: string | undefined): string | undefined => (!a ? b : !b ? a : compareIds(a, b) >= 0 ? a : b);

/**
 * The conversation as this reader holds it: once they read up to its newest message (`lastId`, an ordering key),
 * nothing in it is unread, whatever an update counted before the mark reached the server said. Otherwise unchanged
 * (the same object).
 */
export function withReadMark<C extends { unreadCount: number }>(conversation: C, lastId: string | null | undefined, readMark: string | undefined): C {
  if (readMark === undefined || !lastId || conversation.unreadCount === 0 || compareIds(readMark, lastId) < 0) return conversation;
  return { ...conversation, unreadCount: 0 };
}
