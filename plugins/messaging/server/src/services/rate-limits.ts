import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { loadEnv } from '@switchboard/config';
import type { Viewer } from '../domain/viewer';
import { RateLimitError } from '@switchboard/kit';

export interface BucketRule {
  /** Tokens a full bucket holds: the burst. */
  capacity: number;
  /** Tokens added back per second. */
  perSecond: number;
}

/** The sentence of a send refused for speed (429). */
const SEND_LIMITED = 'You are sending messages too quickly. Wait a few seconds, then send again.';

/**
 * Per-person limits shared by HTTP and the socket and by every node: one token bucket a person and purpose, kept
 * in Postgres (`rate_limit_bucket`, database/sql/messaging-indexes.sql) and taken in one atomic statement on the
 * database's clock, so two nodes (or two tabs) never each grant the same token.
 */
const rateLimits = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const knex = (): Knex => strapi.db.connection;
  const sendRule: BucketRule = { capacity: env.SEND_BURST, perSecond: env.SEND_RATE_PER_MINUTE / 60 };
  const typingRule: BucketRule = { capacity: env.TYPING_EVENTS_PER_10S, perSecond: env.TYPING_EVENTS_PER_10S / 10 };

  /**
   * The statement that takes one token from the bucket: a row (the tokens left) when taken, none when it is empty.
   * `guard`, an SQL condition, makes the take conditional too (the send's one statement, message-store).
   */
  function tokenStatement(bucketKey: string, rule: BucketRule, guard = 'true'): { sql: string; bindings: unknown[]; bucketKey: string } {
    const refilled = 'LEAST(?::double precision, b.tokens + EXTRACT(EPOCH FROM (now() - b.refilled_at)) * ?::double precision)';
    return {
      sql: `INSERT INTO rate_limit_bucket AS b (bucket_key, tokens, refilled_at) SELECT ?::text, ?::double precision - 1, now() WHERE ${guard}
       ON CONFLICT (bucket_key) DO UPDATE SET tokens = ${refilled} - 1, refilled_at = now()
       WHERE ${refilled} >= 1 AND ${guard}
       RETURNING tokens`,
      bindings: [bucketKey, rule.capacity, rule.capacity, rule.perSecond, rule.capacity, rule.perSecond],
      bucketKey,
    };
  }

  /** Takes one token from the bucket (in `db`'s transaction when given); false (and nothing taken) when it is empty. */
  async function take(bucketKey: string, rule: BucketRule, db: Knex | Knex.Transaction = knex()): Promise<boolean> {
    const { sql, bindings } = tokenStatement(bucketKey, rule);
    const result = await db.raw(sql, bindings);
    return result.rows.length > 0;
  }

  return {
    take,

    /**
     * A send by this person may go ahead; otherwise 429 with the sentence, before anything is written. In the send's
     * transaction (`trx`), the token is taken with the message: a send that fails takes none. The same statement takes
     * the send's row lock on the conversation first (one round trip, issue 24), then the token, as message-store's
     * one-statement send does (its guard reads the lock): one lock order for both, or a send of each kind by one
     * person could deadlock.
     */
    async takeSend(viewer: Viewer, trx: Knex.Transaction, conversationId: number): Promise<void> {
      const token = tokenStatement(`send:${viewer.key}`, sendRule, 'EXISTS (SELECT 1 FROM locked)');
      const { rows } = await trx.raw(
        `WITH locked AS MATERIALIZED (SELECT id FROM conversation WHERE id = ? FOR UPDATE), token AS (${token.sql})
         SELECT EXISTS (SELECT 1 FROM locked) AS locked, EXISTS (SELECT 1 FROM token) AS taken`,
        [conversationId, ...token.bindings],
      );
      // Not locked: the conversation is gone, and the insert that follows fails on it.
      if (rows[0].locked === true && rows[0].taken !== true) throw new RateLimitError(SEND_LIMITED);
    },

    /** The send token's statement for this person, taken only where `guard` holds (message-store's one-statement send). */
    sendTokenStatement: (viewer: Viewer, guard: string) => tokenStatement(`send:${viewer.key}`, sendRule, guard),

    /** The sentence of a send refused for speed (429). */
    SEND_LIMITED,

    /** A typing signal by this person may go out; false when they are over the limit (the signal is dropped). */
    takeTyping: (viewer: Viewer) => take(`typing:${viewer.key}`, typingRule),
  };
};

export type RateLimitsService = ReturnType<typeof rateLimits>;
export default rateLimits;
