import { createHash } from 'node:crypto';

/**
 * The hash chain over the audit log (issue 19 item 7). Each sealed event carries its place in the chain (`chainSeq`,
 * 1, 2, 3 … with no gaps) and `chainHash` = SHA-256 of the previous link's hash, its own place and its content. An
 * auditor holding the head of the chain (an export ends with it) can check that no event was removed or altered,
 * even by someone with database access: altering a row changes its hash, removing one leaves a gap.
 *
 * Pure: the content is read as the database stores it (times in microseconds, the details as Postgres prints jsonb,
 * which orders keys itself), so the same row always hashes the same on every node.
 */

/** The link before the first. */
export const GENESIS_HASH = '0'.repeat(64);

/** What is sealed of one event: every column but `archived` (archiving is the one change allowed later). */
export interface SealedContent {
  id: string;
  /** Microseconds since the epoch, as text. */
  createdAtMicros: string;
  actorId: string;
  actorDisplayName: string;
  actorRole: string;
  effectiveRole: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  conversationId: string | null;
  messageId: string | null;
  /** The details as Postgres prints the stored jsonb. */
  detailsText: string | null;
}

export function linkHash(previousHash: string, seq: number, content: SealedContent): string {
  const fields = [
    content.id,
    content.createdAtMicros,
    content.actorId,
    content.actorDisplayName,
    content.actorRole,
    content.effectiveRole,
    content.action,
    content.entityType,
    content.entityId,
    content.conversationId,
    content.messageId,
    content.detailsText,
  ];
  return createHash('sha256').update(`${previousHash}\n${seq}\n${JSON.stringify(fields)}`).digest('hex');
}

export interface SealedLink extends SealedContent {
  chainSeq: number;
  chainHash: string;
}

/** Where a chain stops being intact, in a sentence an auditor can act on. */
export interface ChainBreak {
  chainSeq: number;
  eventId: string | null;
  problem: 'altered' | 'missing';
  sentence: string;
}

/**
 * Checks a run of links that follows `previous` (the link before them, or the genesis). Answers the first break, or
 * null with the last link checked so a caller can go on with the next run.
 */
export function checkLinks(
  previous: { chainSeq: number; chainHash: string },
  links: readonly SealedLink[],
): { broken: ChainBreak | null; last: { chainSeq: number; chainHash: string } } {
  let last = previous;
  for (const link of links) {
    const expectedSeq = last.chainSeq + 1;
    if (link.chainSeq !== expectedSeq) {
      const missing = link.chainSeq - expectedSeq;
      return {
        broken: {
          chainSeq: expectedSeq,
          eventId: null,
          problem: 'missing',
          sentence: `The chain breaks at position ${expectedSeq}: ${missing === 1 ? 'one sealed event is' : `${missing} sealed events are`} missing before event #${link.id}.`,
        },
        last,
      };
    }
    if (linkHash(last.chainHash, link.chainSeq, link) !== link.chainHash) {
      return {
        broken: {
          chainSeq: link.chainSeq,
          eventId: link.id,
          problem: 'altered',
          sentence: `The chain breaks at position ${link.chainSeq}: event #${link.id} was altered after it was sealed.`,
        },
        last,
      };
    }
    last = { chainSeq: link.chainSeq, chainHash: link.chainHash };
  }
  return { broken: null, last };
}
