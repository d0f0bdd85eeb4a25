import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, type PgBoss } from '@switchboard/database';
import { ConflictError, NotFoundError, ValidationError, publishDomainEvent } from '@switchboard/kit';
import type { AuditActor, AuditLogService } from '@switchboard/audit';
import type { SittersService } from '@switchboard/people';
import type { Override } from '../../../shared/contracts';
import { DURATIONS, type OverrideDuration } from '../domain/inputs';
import { OWNER_INBOX_LABEL, type SnapshotOverride } from '../domain/evaluate';
import { AUDIT_ACTIONS, EVENTS, EXPIRY_QUEUE, OVERRIDE_UID, PLUGIN, SENTENCES } from '../constants';
import { getService } from '../get-service';

export interface OverrideRow {
  id: number;
  documentId: string;
  conversationId: number;
  targetType: 'owner_inbox' | 'sitter';
  targetSitterId: number | null;
  targetLabel: string;
  duration: OverrideDuration;
  reason: string;
  status: 'active' | 'expired' | 'removed';
  startsAt: Date | string;
  endsAt: Date | string | null;
  ownerId: number | null;
  ownerName: string | null;
  removedAt: Date | string | null;
  removedByName: string | null;
}

export interface OverrideRequest {
  conversationId: number;
  target: { type: 'owner_inbox' | 'sitter'; sitterId?: number };
  duration: OverrideDuration;
  reason: string;
}

const HOUR_MS = 60 * 60 * 1000;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const durationWords = (d: OverrideDuration) => ({ '1h': '1 hour', '4h': '4 hours', '24h': '24 hours', until_removed: 'until removed' })[d];

/** The row's status now: an active one whose end has passed reads `expired` even before its expiry job ran. */
export const statusAt = (row: OverrideRow, now: Date): Override['status'] =>
  row.status === 'active' && row.endsAt !== null && new Date(row.endsAt) <= now ? 'expired' : row.status;

export function toOverrideView(row: OverrideRow, now: Date): Override {
  return {
    id: row.documentId,
    conversationId: String(row.conversationId),
    target: row.targetType === 'sitter' ? { type: 'sitter', sitterId: Number(row.targetSitterId), label: row.targetLabel } : { type: 'owner_inbox', label: row.targetLabel },
    duration: row.duration,
    reason: row.reason,
    status: statusAt(row, now),
    startsAt: iso(row.startsAt)!,
    endsAt: iso(row.endsAt),
    createdBy: { id: row.ownerId, displayName: row.ownerName ?? 'Owner' },
    removedAt: iso(row.removedAt),
    removedBy: row.removedByName,
  };
}

/**
 * Owner overrides (OPS §3.2, §4.6; API.md "Overrides"): one active override per thread, temporary, with a reason,
 * audited; they never touch assignment windows. Each end is a pg-boss job; the job's conditional update
 * (`active` → `expired` once the end has passed) lets exactly one node expire it. Routing never waits for the job:
 * evaluate reads the end time itself.
 */
const overrides = ({ strapi }: { strapi: Core.Strapi }) => {
  let boss: PgBoss | null = null;
  const rows = () => strapi.db.query(OVERRIDE_UID as any);
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const sitters = () => strapi.plugin('people').service('sitters') as SittersService;
  const queueOpen = (): boolean => boss !== null && (boss.getDb() as { opened?: boolean }).opened !== false;

  async function scheduleExpiry(row: OverrideRow): Promise<void> {
    if (!row.endsAt || !boss || !queueOpen()) return;
    const at = new Date(row.endsAt);
    await boss.send(EXPIRY_QUEUE, { overrideId: row.documentId }, { startAfter: at > systemClock.now() ? at : undefined, singletonKey: row.documentId, retryLimit: 3 });
  }

  async function activeRow(conversationId: number, now: Date): Promise<OverrideRow | null> {
    const found = (await rows().findMany({ where: { conversationId, status: 'active' }, orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] })) as OverrideRow[];
    return found.find((r) => statusAt(r, now) === 'active' && new Date(r.startsAt) <= now) ?? null;
  }

  const api = {
    /** The thread's override active at `at`, as evaluate reads it. */
    async activeOn(conversationId: number, at: Date): Promise<SnapshotOverride | null> {
      const row = await activeRow(conversationId, at);
      if (!row) return null;
      return {
        id: row.documentId,
        target: row.targetType === 'sitter' ? { type: 'sitter', sitterId: Number(row.targetSitterId), sitterName: row.targetLabel } : { type: 'owner_inbox' },
        startsAt: new Date(row.startsAt),
        endsAt: row.endsAt ? new Date(row.endsAt) : null,
        reason: row.reason,
      };
    },

    async activeRows(filter: { conversationIds?: number[]; sitterUserId?: number }, now: Date): Promise<OverrideRow[]> {
      const found = (await rows().findMany({
        where: {
          status: 'active',
          ...(filter.conversationIds ? { conversationId: { $in: filter.conversationIds } } : {}),
          ...(filter.sitterUserId !== undefined ? { targetType: 'sitter', targetSitterId: filter.sitterUserId } : {}),
        },
        orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      })) as OverrideRow[];
      return found.filter((r) => statusAt(r, now) === 'active' && new Date(r.startsAt) <= now);
    },

    /** Every sitter override (any status) of this sitter on this thread: the periods it gave them. */
    async sitterPeriods(sitterUserId: number, conversationId: number): Promise<Array<{ startsAt: Date; endsAt: Date | null }>> {
      const found = (await rows().findMany({ where: { conversationId, targetType: 'sitter', targetSitterId: sitterUserId } })) as OverrideRow[];
      return found.map((r) => {
        const ended = [r.endsAt, r.removedAt].filter((d): d is Date | string => d !== null).map((d) => new Date(d));
        return { startsAt: new Date(r.startsAt), endsAt: ended.length ? new Date(Math.min(...ended.map((d) => d.getTime()))) : null };
      });
    },

    async list(query: { conversationId?: number; status?: Override['status']; page: number; pageSize: number }, now: Date) {
      const where = query.conversationId ? { conversationId: query.conversationId } : {};
      let found = (await rows().findMany({ where, orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] })) as OverrideRow[];
      if (query.status) found = found.filter((r) => statusAt(r, now) === query.status);
      const total = found.length;
      return {
        data: found.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map((r) => toOverrideView(r, now)),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /** POST /routing/overrides (?preview=true: the same checks, nothing written, the confirmation's sentences). */
    async create(input: OverrideRequest, actor: { id: number; displayName: string }, preview: boolean) {
      const now = systemClock.now();
      const facts = await getService(strapi, 'engine').threadFacts(input.conversationId);
      let label = OWNER_INBOX_LABEL;
      if (input.target.type === 'sitter') {
        const sitter = (await sitters().byUserId()).get(input.target.sitterId!);
        if (!sitter) throw new ValidationError(SENTENCES.sitterNotFound);
        if (!sitter.active) throw new ValidationError(SENTENCES.sitterInactive);
        label = sitter.displayName;
      }
      if (await activeRow(input.conversationId, now)) throw new ConflictError(SENTENCES.overrideExists);
      const hours = DURATIONS[input.duration];
      const endsAt = hours === null ? null : new Date(now.getTime() + hours * HOUR_MS);
      const client = (await getService(strapi, 'engine').snapshot(facts, now)).thread?.clientName ?? facts.clientPhone;
      const targetWords = input.target.type === 'sitter' ? `${label} (sitter)` : 'the owner inbox';
      const impact = [
        `Override routing for ${client}? Messages will route to ${targetWords} for ${durationWords(input.duration)}.`,
        input.target.type === 'sitter'
          ? `${label} can read and message ${client}'s thread while the override lasts, whatever the assignment windows say.`
          : 'Assignment windows do not change; only who receives inbound messages does.',
        endsAt ? `It ends on its own after ${durationWords(input.duration)}.` : 'It lasts until an owner removes it.',
      ];
      if (preview) return { preview: true as const, impact };
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        // One active override per thread, even when two owners press at once: the thread's overrides are serialised.
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?), ?)', [PLUGIN, input.conversationId]);
        if (await activeRow(input.conversationId, now)) throw new ConflictError(SENTENCES.overrideExists);
        const row = (await rows().create({
          data: {
            conversationId: input.conversationId,
            targetType: input.target.type,
            targetSitterId: input.target.type === 'sitter' ? input.target.sitterId : null,
            targetLabel: label,
            duration: input.duration,
            reason: input.reason,
            status: 'active',
            startsAt: now,
            endsAt,
            ownerId: actor.id,
            ownerName: actor.displayName,
          },
        })) as OverrideRow;
        await audit().record({
          actor: { kind: 'admin', id: actor.id, displayName: actor.displayName, role: 'owner' },
          action: AUDIT_ACTIONS.overrideCreate,
          entity: { type: 'routing_override', id: row.documentId },
          conversationId: input.conversationId,
          details: { target: input.target, duration: input.duration, reason: input.reason, endsAt: iso(endsAt) },
        });
        onCommit(() => {
          scheduleExpiry(row).catch((error) => strapi.log.error(`[routing] expiry of override ${row.documentId} was not scheduled: ${error}`));
          getService(strapi, 'port').threadChanged(input.conversationId, input.target.type === 'sitter' ? input.target.sitterId! : null);
        });
        return {
          override: toOverrideView(row, now),
          confirmation: `Routing override active. Messages will route to ${targetWords} for ${durationWords(input.duration)}.`,
        };
      });
    },

    /** DELETE /routing/overrides/:id: an expired one → 409 "Override expired. Routing returned to normal rules." */
    async remove(documentId: string, actor: { id: number; displayName: string }): Promise<Override> {
      const now = systemClock.now();
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const row = (await rows().findOne({ where: { documentId } })) as OverrideRow | null;
        if (!row) throw new NotFoundError(SENTENCES.overrideNotFound);
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?), ?)', [PLUGIN, row.conversationId]);
        const status = statusAt(row, now);
        if (status === 'expired') throw new ConflictError(SENTENCES.overrideExpired);
        if (status === 'removed') throw new ConflictError('This override was removed already. Routing follows the normal rules.');
        const updated = (await rows().update({ where: { id: row.id }, data: { status: 'removed', removedAt: now, removedByName: actor.displayName } })) as OverrideRow;
        await audit().record({
          actor: { kind: 'admin', id: actor.id, displayName: actor.displayName, role: 'owner' },
          action: AUDIT_ACTIONS.overrideRemove,
          entity: { type: 'routing_override', id: row.documentId },
          conversationId: row.conversationId,
          details: { target: row.targetType, reason: row.reason },
        });
        onCommit(() => getService(strapi, 'port').threadChanged(row.conversationId, row.targetType === 'sitter' ? Number(row.targetSitterId) : null));
        return toOverrideView(updated, now);
      });
    },

    /**
     * Expires the overrides whose end has passed at `now` (the job's work; tests call it with a moved clock). The
     * conditional update is the once-only guard across nodes. Answers the ids this call expired.
     */
    async expireDue(now: Date = systemClock.now(), onlyId?: string): Promise<string[]> {
      const expired = await strapi.db.transaction(async ({ trx }) => {
        const updated: Array<{ document_id: string; conversation_id: number; target_type: string; target_sitter_id: number | null }> = await trx('routing_override')
          .where('status', 'active')
          .whereNotNull('ends_at')
          .andWhere('ends_at', '<=', now)
          .modify((q: any) => {
            if (onlyId) q.andWhere('document_id', onlyId);
          })
          .update({ status: 'expired', updated_at: now })
          .returning(['document_id', 'conversation_id', 'target_type', 'target_sitter_id']);
        for (const row of updated) {
          await audit().record({
            actor: { kind: 'system' },
            action: AUDIT_ACTIONS.overrideExpire,
            entity: { type: 'routing_override', id: row.document_id },
            conversationId: row.conversation_id,
            details: { message: SENTENCES.overrideExpired },
          });
        }
        return updated;
      });
      for (const row of expired) {
        await publishDomainEvent(strapi, {
          type: EVENTS.overrideExpired,
          source: PLUGIN,
          at: now.toISOString(),
          subject: { type: 'routing_override', id: row.document_id },
          conversationId: String(row.conversation_id),
          data: { overrideId: row.document_id, conversationId: String(row.conversation_id), message: SENTENCES.overrideExpired },
        });
        getService(strapi, 'port').threadChanged(Number(row.conversation_id), row.target_type === 'sitter' ? Number(row.target_sitter_id) : null);
      }
      return expired.map((r) => r.document_id);
    },

    /** At bootstrap: the expiry worker, and a job for every active override with an end (a missed one expires now). */
    async start(): Promise<void> {
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      boss.once('stopped', () => {
        boss = null;
      });
      await boss.createQueue(EXPIRY_QUEUE, { name: EXPIRY_QUEUE, policy: 'short' });
      await boss.work<{ overrideId: string }>(EXPIRY_QUEUE, { pollingIntervalSeconds: 1, batchSize: 8 }, async (jobs) => {
        for (const job of jobs) {
          const data = typeof job.data === 'string' ? JSON.parse(job.data) : job.data;
          await api.expireDue(systemClock.now(), data.overrideId);
        }
      });
      const open = (await rows().findMany({ where: { status: 'active', endsAt: { $notNull: true } } })) as OverrideRow[];
      for (const row of open) await scheduleExpiry(row);
    },

    stop(): void {
      boss = null;
    },
  };
  return api;
};

export type OverridesService = ReturnType<typeof overrides>;
export default overrides;
