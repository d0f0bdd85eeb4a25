/**
 * A node's unread counts for one conversation, exact as of one of its messages (issue 24: with several nodes, each
 * node counted its own viewers' unread messages in the database at every message another node sent).
 *
 * Counts taken in one statement together with the conversation's last message (or by a send, under the
 * conversation's lock, for the message it wrote) are exact as of that message. The next message's counts follow
 * from them without asking the database, when that message's predecessor — the conversation's last message under
 * the send's lock — is the message they are exact for: every reader but its sender has one more (still at most the
 * cap), and how far the Admin team has read has not moved. Anything else that changes counts (a read, the Admin
 * team's read mark) is not a message: the node drops the tally, and the next count is taken from the database.
 */

/** Unread counts by `conversationId:readerKey`, and the Admin team's read mark by conversation when it was asked. */
export interface TalliedCounts {
  unread: Map<string, number>;
  seen: Map<number, string>;
}

export interface UnreadTally {
  /** The message the counts are exact as of (an ordering key). */
  last: string;
  counts: TalliedCounts;
  /** Whether the Admin team's read mark was asked with them (someone of the viewers reads it). */
  withStaffSeen: boolean;
}

/**
 * The counts as of `message`, from a tally exact as of its `previous` (the conversation's last message before it);
 * undefined when the tally is not for that message or there is none.
 */
export function nextTally(
  tally: UnreadTally | undefined,
  conversationId: number,
  message: { id: string; senderKey: string },
  previous: string | null | undefined,
  cap: number,
): UnreadTally | undefined {
  if (!tally || previous === null || previous === undefined || tally.last !== previous) return undefined;
  const senderPair = `${conversationId}:${message.senderKey}`;
  const unread = new Map<string, number>();
  for (const [pair, n] of tally.counts.unread) unread.set(pair, pair === senderPair ? n : Math.min(n + 1, cap));
  return { last: message.id, counts: { unread, seen: tally.counts.seen }, withStaffSeen: tally.withStaffSeen };
}
