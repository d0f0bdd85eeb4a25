import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { getService } from '../get-service';

/**
 * Message figures for the compliance analytics (issue 19 item 5), computed in SQL over indexed columns, never by loading
 * messages: response times and volume of client threads, days and hours in the given IANA time zone (`created_at`
 * is stored as UTC without a zone, hence `AT TIME ZONE 'UTC'` first).
 *
 * **Response time.** In a client thread, a client's SMS (`CLIENT_INBOUND`) that follows a reply — or opens the thread —
 * starts a question; later client messages before the reply belong to the same question. It is answered by the next
 * `STAFF_TO_CLIENT` or `SITTER_TO_CLIENT` message in the thread that was not blocked; automated and system messages are
 * not replies. The response time is the gap between the two. A sitter's reply counts for that sitter, a staff reply for
 * "Staff". The SLA counts a question as met when answered within `slaSeconds`, missed when answered later or still
 * unanswered after `slaSeconds`; a question younger than that without an answer is not counted yet.
 */
export interface StatsRange {
  from: Date;
  to: Date;
  zone: string;
  conversationId?: number;
}

export interface ResponseGroup {
  /** null in the overall row; else the thread id, the replier key (`user:<id>` for a sitter, `staff`) or the day. */
  key: string | null;
  questions: number;
  answered: number;
  averageSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
  withinSla: number;
  counted: number;
}

export interface ResponseStats {
  overall: ResponseGroup;
  byThread: ResponseGroup[];
  byReplier: ResponseGroup[];
  byDay: ResponseGroup[];
}

export interface VolumeStats {
  series: Array<{ bucket: string; messages: number }>;
  byNumber: Array<{ businessNumber: string; messages: number }>;
  byThread: Array<{ conversationId: number; messages: number }>;
  peakHours: Array<{ dayOfWeek: number; hour: number; messages: number }>;
}

const REPLIES = ['STAFF_TO_CLIENT', 'SITTER_TO_CLIENT'];

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const stats = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  return {
    /**
     * PRD §10's SLO figures since `since`, every node's (messaging_slo_minute; this node's pending counts are added
     * first): sends handled and those that failed on the server (5xx), real-time deliveries and how many met the p50
     * (300 ms) and p95 (800 ms) targets. Alerts raise a provider_error when a target is missed.
     */
    async sloSince(since: Date): Promise<{ sendAttempts: number; sendFailures: number; deliveries: number; withinP50Target: number; withinP95Target: number }> {
      await getService(strapi, 'metrics').flushSlo();
      const [row] = await db()('messaging_slo_minute')
        .where('minute', '>=', new Date(Math.floor(+since / 60_000) * 60_000))
        .sum({ a: 'send_attempts', f: 'send_failures', d: 'deliveries', p50: 'within_p50_target', p95: 'within_p95_target' });
      return { sendAttempts: Number(row?.a ?? 0), sendFailures: Number(row?.f ?? 0), deliveries: Number(row?.d ?? 0), withinP50Target: Number(row?.p50 ?? 0), withinP95Target: Number(row?.p95 ?? 0) };
    },

    async responseTimes(range: StatsRange & { slaSeconds: number; replierKey?: string }): Promise<ResponseStats> {
      const thread = range.conversationId ? 'AND m.conversation_id = :conversationId' : '';
      const sql = `
        WITH inbound AS (
          SELECT m.conversation_id, m.ordering_key, m.created_at, m.route_type,
                 lag(m.route_type) OVER (PARTITION BY m.conversation_id ORDER BY m.ordering_key) AS previous
            FROM message m JOIN conversation c ON c.id = m.conversation_id AND c.kind = 'client'
           WHERE m.route_type IN ('CLIENT_INBOUND', :reply1, :reply2) AND m.state <> 'blocked'
             AND m.created_at >= (CAST(:from AS timestamptz) - interval '30 days') AND m.created_at < :to ${thread}
        ),
        questions AS (
          SELECT i.conversation_id, i.created_at AS asked_at, r.created_at AS replied_at,
                 CASE WHEN r.route_type = 'SITTER_TO_CLIENT' THEN r.sender_key WHEN r.route_type IS NULL THEN NULL ELSE 'staff' END AS replier,
                 extract(epoch FROM r.created_at - i.created_at) AS seconds,
                 to_char(date_trunc('day', (i.created_at AT TIME ZONE 'UTC') AT TIME ZONE :zone), 'YYYY-MM-DD') AS day
            FROM inbound i
            LEFT JOIN LATERAL (
              SELECT m2.created_at, m2.route_type, m2.sender_key FROM message m2
               WHERE m2.conversation_id = i.conversation_id AND m2.ordering_key > i.ordering_key
                 AND m2.route_type IN (:reply1, :reply2) AND m2.state <> 'blocked'
               ORDER BY m2.ordering_key LIMIT 1
            ) r ON true
           WHERE i.route_type = 'CLIENT_INBOUND'
             AND (i.previous IS NULL OR i.previous <> 'CLIENT_INBOUND')
             AND i.created_at >= :from AND i.created_at < :to
        ),
        counted AS (SELECT * FROM questions ${range.replierKey ? 'WHERE replier = :replierKey' : ''})
        SELECT GROUPING(conversation_id) AS g_thread, GROUPING(replier) AS g_replier, GROUPING(day) AS g_day,
               CAST(conversation_id AS text) AS thread, replier, day,
               count(*) AS questions, count(seconds) AS answered,
               avg(seconds) AS average, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
               count(*) FILTER (WHERE seconds <= :sla) AS within_sla,
               count(*) FILTER (WHERE seconds IS NOT NULL OR asked_at < CAST(:now AS timestamptz) - make_interval(secs => :sla)) AS counted
          FROM counted
         GROUP BY GROUPING SETS ((), (conversation_id), (replier), (day))`;
      const { rows } = (await db().raw(sql, {
        reply1: REPLIES[0],
        reply2: REPLIES[1],
        from: range.from,
        to: range.to,
        zone: range.zone,
        sla: range.slaSeconds,
        now: systemClock.now(),
        ...(range.conversationId ? { conversationId: range.conversationId } : {}),
        ...(range.replierKey ? { replierKey: range.replierKey } : {}),
      })) as { rows: Array<Record<string, unknown>> };
      const group = (r: Record<string, unknown>, key: string | null): ResponseGroup => ({
        key,
        questions: Number(r.questions),
        answered: Number(r.answered),
        averageSeconds: num(r.average),
        p50Seconds: num(r.p50),
        p90Seconds: num(r.p90),
        withinSla: Number(r.within_sla),
        counted: Number(r.counted),
      });
      const empty: ResponseGroup = { key: null, questions: 0, answered: 0, averageSeconds: null, p50Seconds: null, p90Seconds: null, withinSla: 0, counted: 0 };
      const overall = rows.find((r) => Number(r.g_thread) === 1 && Number(r.g_replier) === 1 && Number(r.g_day) === 1);
      const only = (g: 'g_thread' | 'g_replier' | 'g_day') => rows.filter((r) => Number(r[g]) === 0 && ['g_thread', 'g_replier', 'g_day'].filter((o) => o !== g).every((o) => Number(r[o]) === 1));
      return {
        overall: overall ? group(overall, null) : empty,
        byThread: only('g_thread').map((r) => group(r, String(r.thread))),
        byReplier: only('g_replier').filter((r) => r.replier !== null).map((r) => group(r, String(r.replier))),
        byDay: only('g_day').map((r) => group(r, String(r.day))).sort((a, b) => String(a.key).localeCompare(String(b.key))),
      };
    },

    async volume(range: StatsRange & { bucket: 'day' | 'week' | 'month' }): Promise<VolumeStats> {
      const thread = range.conversationId ? 'AND m.conversation_id = :conversationId' : '';
      const sql = `
        WITH counted AS (
          SELECT m.conversation_id, c.business_number, (m.created_at AT TIME ZONE 'UTC') AT TIME ZONE :zone AS local_at
            FROM message m JOIN conversation c ON c.id = m.conversation_id AND c.kind = 'client'
           WHERE m.route_type IN ('CLIENT_INBOUND', 'STAFF_TO_CLIENT', 'SITTER_TO_CLIENT', 'AUTOMATION_TO_CLIENT') AND m.created_at >= :from AND m.created_at < :to ${thread}
        )
        SELECT GROUPING(bucket) AS g_bucket, GROUPING(business_number) AS g_number, GROUPING(conversation_id) AS g_thread, GROUPING(dow, hour) AS g_peak,
               bucket, business_number, conversation_id, dow, hour, count(*) AS messages
          FROM (SELECT *, to_char(date_trunc(:bucket, local_at), 'YYYY-MM-DD') AS bucket, CAST(extract(isodow FROM local_at) AS int) AS dow, CAST(extract(hour FROM local_at) AS int) AS hour FROM counted) t
         GROUP BY GROUPING SETS ((bucket), (business_number), (conversation_id), (dow, hour))`;
      const { rows } = (await db().raw(sql, {
        zone: range.zone,
        from: range.from,
        to: range.to,
        bucket: range.bucket,
        ...(range.conversationId ? { conversationId: range.conversationId } : {}),
      })) as { rows: Array<Record<string, unknown>> };
      const sel = (g: string) => rows.filter((r) => Number(r[g]) === 0);
      return {
        series: sel('g_bucket').map((r) => ({ bucket: String(r.bucket), messages: Number(r.messages) })).sort((a, b) => a.bucket.localeCompare(b.bucket)),
        byNumber: sel('g_number').map((r) => ({ businessNumber: String(r.business_number), messages: Number(r.messages) })).sort((a, b) => b.messages - a.messages),
        byThread: sel('g_thread').map((r) => ({ conversationId: Number(r.conversation_id), messages: Number(r.messages) })).sort((a, b) => b.messages - a.messages),
        peakHours: sel('g_peak').map((r) => ({ dayOfWeek: Number(r.dow), hour: Number(r.hour), messages: Number(r.messages) })).sort((a, b) => b.messages - a.messages),
      };
    },

    /** Each client thread's label as staff read it (the client's name, else their phone). */
    /**
     * Client threads whose oldest unanswered question (the first client SMS after the last staff or sitter reply) was
     * asked in [notBefore, olderThan): alerts' SLA breaches. Blocked messages count as neither. At most `limit`, oldest first.
     */
    async awaitingReply(olderThan: Date, notBefore: Date, limit = 200): Promise<Array<{ conversationId: string; askedAt: Date; label: string }>> {
      const { rows } = (await db().raw(
        `SELECT c.id AS conversation_id, q.created_at AS asked_at
           FROM conversation c
           JOIN LATERAL (
             SELECT m.created_at FROM message m
              WHERE m.conversation_id = c.id AND m.route_type = 'CLIENT_INBOUND' AND m.state <> 'blocked'
                AND m.ordering_key > COALESCE((SELECT max(r.ordering_key) FROM message r
                                                WHERE r.conversation_id = c.id AND r.route_type IN (:reply1, :reply2) AND r.state <> 'blocked'), 0)
              ORDER BY m.ordering_key LIMIT 1
           ) q ON true
          WHERE c.kind = 'client' AND q.created_at < :olderThan AND q.created_at >= :notBefore
          ORDER BY q.created_at LIMIT :limit`,
        { reply1: REPLIES[0], reply2: REPLIES[1], olderThan, notBefore, limit },
      )) as { rows: Array<{ conversation_id: number; asked_at: Date }> };
      const labels = await this.threadLabels(rows.map((r) => Number(r.conversation_id)));
      return rows.map((r) => ({ conversationId: String(r.conversation_id), askedAt: new Date(r.asked_at), label: labels.get(Number(r.conversation_id)) ?? `Thread ${r.conversation_id}` }));
    },

    async threadLabels(conversationIds: number[]): Promise<Map<number, string>> {
      const out = new Map<number, string>();
      for (const id of conversationIds) {
        const record = await getService(strapi, 'conversations').findRecord(id);
        if (record?.kind === 'client') out.set(id, record.clientName || record.clientPhone || `Thread ${id}`);
      }
      return out;
    },
  };
};

export type StatsService = ReturnType<typeof stats>;
export default stats;
