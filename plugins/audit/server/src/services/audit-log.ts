import type { Core } from '@strapi/strapi';
import {
  auditRowFromInput,
  toAuditEventView,
  type AuditEventInput,
  type AuditEventRow,
  type AuditEventView,
  type AuditQuery,
  type AuditSearch,
} from '../domain/audit-event';

import { AUDIT_EVENT_UID, AUDIT_TABLE, CHAIN_LOCK_KEY, SEAL_QUEUE } from '../constants';
import { checkLinks, GENESIS_HASH, linkHash, type ChainBreak, type SealedLink } from '../domain/chain';
import { startJobQueue, type PgBoss } from '@switchboard/database';
import { loadEnv } from '@switchboard/config';
import type { Knex } from 'knex';

/** The stored columns as knex reads them, with the two the chain adds. */
interface StoredRow {
  id: number | string;
  actor_id: string;
  actor_display_name: string;
  actor_role: string;
  effective_role: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  details: Record<string, unknown> | string | null;
  archived: boolean | null;
  created_at: string | Date;
  chain_seq: string | number | null;
  chain_hash: string | null;
}

export interface AuditTimelineEvent extends AuditEventView {
  /** The event's place in the hash chain, once sealed. */
  chain: { seq: number; hash: string } | null;
}

function timelineEvent(row: StoredRow): AuditTimelineEvent {
  return {
    ...toAuditEventView({
      id: Number(row.id),
      actorId: row.actor_id,
      actorDisplayName: row.actor_display_name,
      actorRole: row.actor_role,
      effectiveRole: row.effective_role,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      conversationId: row.conversation_id,
      messageId: row.message_id,
      // Strapi's pool hands jsonb over as text; its query layer parses it, raw reads do it here.
      details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
      archived: Boolean(row.archived),
      createdAt: row.created_at,
    }),
    chain: row.chain_hash && row.chain_seq !== null ? { seq: Number(row.chain_seq), hash: row.chain_hash } : null,
  };
}

/** The search as a WHERE clause on audit_event. */
function applySearch(query: Knex.QueryBuilder, search: AuditSearch): Knex.QueryBuilder {
  if (search.actionPrefixes?.length) {
    const prefixes = search.actionPrefixes;
    query.where((q) => {
      for (const prefix of prefixes) q.orWhere('action', 'like', `${prefix.replace(/[\\%_]/g, (c: string) => `\\${c}`)}%`);
    });
  }
  const actor = search.actor;
  if (actor?.idIn) query.whereIn('actor_id', [...actor.idIn]);
  if (actor?.idNotIn?.length) query.whereNotIn('actor_id', [...actor.idNotIn]);
  if (actor?.idPrefix) query.where('actor_id', 'like', `${actor.idPrefix}%`);
  if (actor?.roleIn) query.whereIn('actor_role', [...actor.roleIn]);
  if (search.conversationId) query.where('conversation_id', search.conversationId);
  if (search.related) {
    const { conversationIds, entities, detailsE164 } = search.related;
    query.where((q) => {
      if (conversationIds.length > 0) q.orWhereIn('conversation_id', [...conversationIds]);
      for (const e of entities) q.orWhere((qq) => qq.where('entity_type', e.type).where('entity_id', e.id));
      if (detailsE164) q.orWhereRaw("details->>'e164' = ?", [detailsE164]);
      // Nothing related: nothing matches.
      if (conversationIds.length === 0 && entities.length === 0 && !detailsE164) q.whereRaw('false');
    });
  }
  if (search.from) query.where('created_at', '>=', search.from);
  if (search.to) query.where('created_at', '<', search.to);
  return query;
}

/** What the chain's check answers. */
export interface ChainReport {
  intact: boolean;
  /** Sealed events checked. */
  checked: number;
  /** Events not sealed yet (the sealing job runs every minute; an export seals first). */
  unsealed: number;
  head: { seq: number; hash: string; eventId: string } | null;
  broken: ChainBreak | null;
}

/**
 * The one audit writer. Inside `strapi.db.transaction(...)` its insert joins the caller's
 * transaction, so an action and its audit row commit together or not at all.
 */
const auditLog = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  let boss: PgBoss | null = null;

  const api = {
  async record(input: AuditEventInput): Promise<AuditEventView> {
    const data = auditRowFromInput(input);
    const created = (await strapi.db.query(AUDIT_EVENT_UID).create({ data })) as AuditEventRow;
    return toAuditEventView(created);
  },

  async list(query: AuditQuery): Promise<{ data: AuditEventView[]; meta: { pagination: { page: number; pageSize: number; total: number } } }> {
    const where: Record<string, unknown> = {};
    if (query.conversationId) where.conversationId = query.conversationId;
    if (query.messageId) where.messageId = query.messageId;
    if (query.action) where.action = query.action;
    const [rows, total] = await Promise.all([
      strapi.db.query(AUDIT_EVENT_UID).findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }) as Promise<AuditEventRow[]>,
      strapi.db.query(AUDIT_EVENT_UID).count({ where }),
    ]);
    return {
      data: rows.map(toAuditEventView),
      meta: { pagination: { page: query.page, pageSize: query.pageSize, total: Number(total) } },
    };
  },

  /**
   * The compliance timeline: newest first (by id, the order events were written), `limit` events older than
   * `beforeId` when given, so a deep page costs what the first does (no offsets).
   */
  async search(search: AuditSearch, page: { beforeId?: number; limit: number }): Promise<AuditTimelineEvent[]> {
    const query = applySearch(db()(AUDIT_TABLE).select('*'), search);
    if (page.beforeId !== undefined) query.where('id', '<', page.beforeId);
    const rows = (await query.orderBy('id', 'desc').limit(page.limit)) as StoredRow[];
    return rows.map(timelineEvent);
  },

  /** How many events match, counting no further than `cap` (an export's limit plus one is enough to refuse it). */
  async countUpTo(search: AuditSearch, cap: number): Promise<number> {
    const inner = applySearch(db()(AUDIT_TABLE).select(db().raw('1')), search).limit(cap);
    const [{ n }] = (await db().from(inner.as('matching')).count({ n: '*' })) as Array<{ n: string | number }>;
    return Number(n);
  },

  /** Every matching event, newest first, in batches (what an export streams). */
  async *batches(search: AuditSearch, batchSize = 1000): AsyncGenerator<AuditTimelineEvent[]> {
    let beforeId: number | undefined;
    for (;;) {
      const batch = await api.search(search, { beforeId, limit: batchSize });
      if (batch.length > 0) yield batch;
      if (batch.length < batchSize) return;
      beforeId = Number(batch[batch.length - 1].id);
    }
  },

  /**
   * Seals every committed event not yet in the hash chain, in id order, in its own transaction (never the callers':
   * that would serialise every audited write across nodes). One sealer at a time across nodes: a transaction-level
   * advisory lock; a second caller finds it taken and leaves the work to the first. Answers how many it sealed.
   */
  async seal(batchSize = 2000): Promise<number> {
    let sealed = 0;
    for (;;) {
      const count = await db().transaction(async (trx) => {
        const { rows: locked } = (await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [CHAIN_LOCK_KEY])) as { rows: Array<{ ok: boolean }> };
        if (!locked[0]?.ok) return -1;
        const last = (await trx(AUDIT_TABLE).whereNotNull('chain_seq').orderBy('chain_seq', 'desc').first('chain_seq', 'chain_hash')) as
          | { chain_seq: string; chain_hash: string }
          | undefined;
        const links = await readContent(trx.raw(`${CONTENT_SQL} WHERE chain_hash IS NULL ORDER BY audit_event.id LIMIT ?`, [batchSize]));
        if (links.length === 0) return 0;
        let seq = last ? Number(last.chain_seq) : 0;
        let previous = last?.chain_hash ?? GENESIS_HASH;
        const updates: Array<[number, number, string]> = [];
        for (const link of links) {
          seq += 1;
          previous = linkHash(previous, seq, link);
          updates.push([Number(link.id), seq, previous]);
        }
        await trx.raw(
          `UPDATE ${AUDIT_TABLE} AS a SET chain_seq = v.seq, chain_hash = v.hash
             FROM (SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS t(id, seq, hash)) AS v
            WHERE a.id = v.id`,
          [updates.map((u) => u[0]), updates.map((u) => u[1]), updates.map((u) => u[2])],
        );
        return links.length;
      });
      if (count <= 0) return sealed;
      sealed += count;
      if (count < batchSize) return sealed;
    }
  },

  /** The last sealed link: what an export ends with and an auditor keeps. */
  async chainHead(): Promise<{ seq: number; hash: string; eventId: string } | null> {
    const row = (await db()(AUDIT_TABLE).whereNotNull('chain_seq').orderBy('chain_seq', 'desc').first('id', 'chain_seq', 'chain_hash')) as
      | { id: number; chain_seq: string; chain_hash: string }
      | undefined;
    return row ? { seq: Number(row.chain_seq), hash: row.chain_hash, eventId: String(row.id) } : null;
  },

  /**
   * Walks the whole chain from the first link and reports the first broken one. With `expectedHead` (the head an
   * export ended with), the link at that place must still carry that hash: a chain rebuilt after a removal is caught.
   */
  async verifyChain(expectedHead?: { seq: number; hash: string }, batchSize = 5000): Promise<ChainReport> {
    let last = { chainSeq: 0, chainHash: GENESIS_HASH };
    let checked = 0;
    let broken: ChainBreak | null = null;
    let headEventId: string | null = null;
    for (;;) {
      const links = await readContent(db().raw(`${CONTENT_SQL} WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?`, [last.chainSeq, batchSize]));
      if (links.length === 0) break;
      const result = checkLinks(last, links);
      checked += result.broken ? result.last.chainSeq - last.chainSeq : links.length;
      if (result.broken) {
        broken = result.broken;
        break;
      }
      last = result.last;
      headEventId = links[links.length - 1].id;
      if (links.length < batchSize) break;
    }
    if (!broken && expectedHead) {
      const at = (await db()(AUDIT_TABLE).where('chain_seq', expectedHead.seq).first('id', 'chain_hash')) as { id: number; chain_hash: string } | undefined;
      if (!at || at.chain_hash !== expectedHead.hash) {
        broken = {
          chainSeq: expectedHead.seq,
          eventId: at ? String(at.id) : null,
          problem: at ? 'altered' : 'missing',
          sentence: `The chain no longer matches the head you hold: position ${expectedHead.seq} ${at ? 'carries a different hash' : 'is missing'}.`,
        };
      }
    }
    const [{ n }] = (await db()(AUDIT_TABLE).whereNull('chain_hash').count({ n: '*' })) as Array<{ n: string | number }>;
    return {
      intact: broken === null,
      checked,
      unsealed: Number(n),
      head: last.chainSeq > 0 && headEventId ? { seq: last.chainSeq, hash: last.chainHash, eventId: headEventId } : null,
      broken,
    };
  },

  /** At bootstrap: the sealing job, every minute on whichever node pg-boss hands it to. */
  async startSealer(): Promise<void> {
    const env = loadEnv();
    if (!env.DATABASE_URL) return;
    boss = await startJobQueue(env.DATABASE_URL);
    boss.once('stopped', () => {
      boss = null;
    });
    await boss.createQueue(SEAL_QUEUE, { name: SEAL_QUEUE, policy: 'singleton' });
    await boss.work(SEAL_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      await api.seal();
    });
    await boss.schedule(SEAL_QUEUE, '* * * * *');
  },
  };
  return api;
};

/** The sealed content of each event, read as the database stores it (see domain/chain.ts). */
const CONTENT_SQL = `SELECT id::text AS id, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_at_micros,
  actor_id, actor_display_name, actor_role, effective_role, action, entity_type, entity_id, conversation_id, message_id,
  details::text AS details_text, chain_seq, chain_hash FROM ${AUDIT_TABLE}`;

async function readContent(raw: Knex.Raw): Promise<SealedLink[]> {
  const { rows } = (await raw) as { rows: Array<Record<string, string | null>> };
  return rows.map((r) => ({
    id: r.id!,
    createdAtMicros: r.created_at_micros!,
    actorId: r.actor_id!,
    actorDisplayName: r.actor_display_name!,
    actorRole: r.actor_role!,
    effectiveRole: r.effective_role!,
    action: r.action!,
    entityType: r.entity_type,
    entityId: r.entity_id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    detailsText: r.details_text,
    chainSeq: Number(r.chain_seq ?? 0),
    chainHash: r.chain_hash ?? '',
  }));
}

export type AuditLogService = ReturnType<typeof auditLog>;
export default auditLog;
