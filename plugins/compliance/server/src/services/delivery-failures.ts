import type { Core } from '@strapi/strapi';
import { defaults, loadEnv, systemClock } from '@switchboard/config';
import { ConflictError, csvTable, NotFoundError, ValidationError, publishDomainEvent } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import type { DeliverySettingsService, OutboundService, DeliveryUpdate } from '@switchboard/provider';
import type { ClientThreadsService, DeliveryFailuresService as MessagingFailuresPort, MessageDeliveryFailure } from '@switchboard/messaging';
import { startJobQueue, type PgBoss } from '@switchboard/database';
import { AUDIT_ACTIONS, DELIVERY_FAILURE_TABLE, DELIVERY_FAILURE_UID, EVENTS, PLUGIN, SENTENCES, STUCK_SWEEP_QUEUE } from '../constants';
import {
  failureCsvRow,
  failureStatusAfter,
  failureTitle,
  failureView,
  FAILURES_CSV_HEADER,
  retryable,
  STUCK_NEXT_STEP,
  stuckReason,
  type DeliveryFailureView,
  type StoredFailure,
} from '../domain/delivery-failures';
import type { FailuresFilters, FailuresQuery } from '../domain/inputs';
import type { Staff } from './timeline';

/**
 * The delivery-failures feed (OPS §4.7, issue 19 item 3). Provider tells its delivery listeners of every change; this
 * plugin keeps one failure per outbound SMS (its own table), audits it, publishes `delivery_failure` for the alerts
 * issue, and tells messaging so staff screens show it. A sweep every minute (pg-boss, one node) finds sends stuck in the
 * provider's crash window. An owner retries through provider's service; a resolution is this plugin's own.
 */
const deliveryFailures = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(DELIVERY_FAILURE_UID as any);
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const outbound = () => strapi.plugin('provider').service('outbound') as OutboundService;
  const clientThreads = () => strapi.plugin('messaging').service('client-threads') as ClientThreadsService;
  // The provider's delivery timeout (OPS §3.8 "Delivery timeout"): a send waiting longer is stuck.
  const stuckCutoff = async () => new Date(systemClock.now().getTime() - (await (strapi.plugin('provider').service('delivery-settings') as DeliverySettingsService).get()).timeoutMinutes * 60_000);
  let boss: PgBoss | null = null;

  async function publishFailure(row: StoredFailure): Promise<void> {
    await publishDomainEvent(strapi, {
      type: EVENTS.deliveryFailure,
      source: PLUGIN,
      at: systemClock.now().toISOString(),
      subject: { type: 'delivery_failure', id: String(row.id) },
      ...(row.conversationId ? { conversationId: row.conversationId } : {}),
      data: {
        messageId: row.messageId,
        outboundId: row.outboundId,
        status: row.status,
        errorCode: row.errorCode,
        reason: row.reason,
        attempts: row.attempts,
        clientName: row.clientName,
        title: failureTitle(row.clientName, row.recipient, row.reason),
      },
    });
  }

  const changed = (messageId: string) => clientThreads().deliveryFailureChanged(messageId).catch((error) => strapi.log.error(`[compliance] staff were not told of message ${messageId}'s delivery: ${error}`));

  /**
   * Opens or updates the failure of one SMS. A new failure (or one that failed again after a retry or a resolution)
   * is audited and published once; a `retrying` → `failed` step is audited too.
   */
  type FailureInput = { outboundId: number; messageId: string; status: 'failed' | 'retrying' | 'stuck'; errorCode: number | null; reason: string; nextStep: string | null; attempts: number; recipient: string };

  /** Two updates of one SMS at once (the worker's and another node's): the second to insert reads the first's row and updates it. */
  async function recordFailure(input: FailureInput): Promise<StoredFailure> {
    try {
      return await recordFailureOnce(input);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      return recordFailureOnce(input);
    }
  }

  async function recordFailureOnce(input: FailureInput): Promise<StoredFailure> {
    const now = systemClock.now();
    const thread = await clientThreads().threadOfMessage(input.messageId);
    const { row, announce } = await strapi.db.transaction(async () => {
      const existing = (await rows().findOne({ where: { outboundId: input.outboundId } })) as StoredFailure | null;
      const data = {
        status: input.status,
        errorCode: input.errorCode,
        reason: input.reason,
        nextStep: input.nextStep,
        attempts: input.attempts,
        retryable: retryable(input.status),
        lastFailedAt: now,
      };
      const reopened = existing && existing.status === 'resolved';
      const saved = (existing
        ? await rows().update({ where: { id: existing.id }, data: { ...data, ...(reopened ? { resolvedAt: null, resolution: null, resolvedBy: null, note: null } : {}) } })
        : await rows().create({
            data: {
              ...data,
              outboundId: input.outboundId,
              messageId: input.messageId,
              conversationId: thread ? String(thread.conversationId) : null,
              clientName: thread?.clientName ?? null,
              recipient: input.recipient,
              firstFailedAt: now,
            },
          })) as StoredFailure;
      const isNew = !existing || reopened;
      const becameFailed = existing && existing.status !== input.status && input.status !== 'retrying';
      if (isNew || becameFailed) {
        await audit().record({
          actor: { kind: 'system' },
          action: AUDIT_ACTIONS.deliveryFailed,
          entity: { type: 'delivery_failure', id: saved.id },
          ...(saved.conversationId ? { conversationId: saved.conversationId } : {}),
          messageId: input.messageId,
          details: { status: input.status, errorCode: input.errorCode, reason: input.reason, attempts: input.attempts, recipient: input.recipient, clientName: saved.clientName },
        });
      }
      return { row: saved, announce: Boolean(isNew || becameFailed) };
    });
    if (announce) await publishFailure(row);
    await changed(input.messageId);
    return row;
  }

  async function markDelivered(update: DeliveryUpdate): Promise<void> {
    const existing = (await rows().findOne({ where: { outboundId: update.outboundId } })) as StoredFailure | null;
    if (!existing || existing.status === 'resolved') return;
    await rows().update({ where: { id: existing.id }, data: { status: 'resolved', retryable: false, resolvedAt: systemClock.now(), resolution: 'delivered' } });
    await changed(existing.messageId);
  }

  async function find(id: number): Promise<StoredFailure> {
    const row = (await rows().findOne({ where: { id } })) as StoredFailure | null;
    if (!row) throw new NotFoundError(SENTENCES.failureNotFound);
    return row;
  }

  function whereOf(filters: FailuresFilters): Record<string, unknown> {
    const where: Record<string, unknown> = {};
    if (filters.status) where.status = filters.status;
    if (filters.conversationId) where.conversationId = filters.conversationId;
    if (filters.from || filters.to) where.firstFailedAt = { ...(filters.from ? { $gte: filters.from } : {}), ...(filters.to ? { $lt: filters.to } : {}) };
    return where;
  }

  const api = {
    /** Provider's delivery listener (registered at bootstrap). */
    async onDelivery(update: DeliveryUpdate): Promise<void> {
      const next = failureStatusAfter(update);
      if (next === null) return;
      if (next === 'delivered') return markDelivered(update);
      const sms = await outbound().find(update.outboundId);
      if (!sms) return;
      await recordFailure({
        outboundId: update.outboundId,
        messageId: update.messageRef,
        status: next,
        errorCode: update.problem?.code ?? sms.errorCode ?? null,
        reason: update.problem?.message ?? sms.errorMessage ?? 'The message could not be sent.',
        nextStep: update.problem?.nextStep ?? null,
        attempts: sms.attempts,
        recipient: sms.to,
      });
    },

    /** Finds sends stuck for over `deliveryStuckMinutes` and opens their failures (`stuck`). Answers how many were new. */
    async sweepStuck(): Promise<number> {
      const stuck = await outbound().stuckSince(await stuckCutoff());
      let opened = 0;
      for (const sms of stuck) {
        const existing = (await rows().findOne({ where: { outboundId: sms.id } })) as StoredFailure | null;
        if (existing && existing.status === 'stuck') continue;
        await recordFailure({ outboundId: sms.id, messageId: sms.messageRef, status: 'stuck', errorCode: null, reason: stuckReason((await (strapi.plugin('provider').service('delivery-settings') as DeliverySettingsService).get()).timeoutMinutes), nextStep: STUCK_NEXT_STEP, attempts: sms.attempts, recipient: sms.to });
        opened += 1;
      }
      return opened;
    },

    /** GET /compliance/delivery-failures: newest first. */
    async list(query: FailuresQuery): Promise<{ data: DeliveryFailureView[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } } }> {
      const where = whereOf(query);
      const [found, total] = await Promise.all([
        rows().findMany({ where, orderBy: [{ firstFailedAt: 'desc' }, { id: 'desc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }) as Promise<StoredFailure[]>,
        rows().count({ where }),
      ]);
      return { data: found.map(failureView), meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(Number(total) / query.pageSize), total: Number(total) } } };
    },

    async findOne(id: number): Promise<DeliveryFailureView> {
      return failureView(await find(id));
    },

    /** GET /compliance/delivery-failures/export.csv: the feed's filters, at most the export limit, audited. */
    async exportCsv(filters: FailuresFilters, by: Staff): Promise<string> {
      const where = whereOf(filters);
      const total = Number(await rows().count({ where }));
      if (total > defaults.exportMaxRows) throw new ValidationError(SENTENCES.exportTooLarge);
      const found = (await rows().findMany({ where, orderBy: [{ firstFailedAt: 'desc' }, { id: 'desc' }], limit: defaults.exportMaxRows })) as StoredFailure[];
      await audit().record({ actor: staffActor(by), action: AUDIT_ACTIONS.exportFailures, details: { rows: found.length, status: filters.status ?? null } });
      return csvTable(FAILURES_CSV_HEADER, found.map((r) => failureCsvRow(failureView(r))));
    },

    /**
     * POST /compliance/delivery-failures/:id/retry (the Owner's; `plugin::provider.retry-deliveries`): a dead letter
     * through provider's retry, a stuck send through its stuck retry. Audited; the failure reads `retrying` until the
     * provider answers.
     */
    async retry(id: number, by: Staff): Promise<DeliveryFailureView> {
      const row = await find(id);
      if (row.status === 'resolved') throw new ConflictError(SENTENCES.alreadyResolved);
      if (!retryable(row.status)) throw new ConflictError(SENTENCES.notRetryable);
      try {
        if (row.status === 'stuck') await outbound().retryStuck(row.outboundId, await stuckCutoff());
        else await outbound().retry(row.outboundId);
      } catch (error) {
        if (error instanceof NotFoundError) throw new ConflictError(SENTENCES.notRetryable);
        throw error;
      }
      const updated = await strapi.db.transaction(async () => {
        const saved = (await rows().update({ where: { id }, data: { status: 'retrying', retryable: false } })) as StoredFailure;
        await audit().record({
          actor: staffActor(by),
          action: AUDIT_ACTIONS.deliveryRetry,
          entity: { type: 'delivery_failure', id },
          ...(row.conversationId ? { conversationId: row.conversationId } : {}),
          messageId: row.messageId,
          details: { previousStatus: row.status, attempts: row.attempts, errorCode: row.errorCode, recipient: row.recipient },
        });
        return saved;
      });
      await changed(row.messageId);
      return failureView(updated);
    },

    /** POST /compliance/delivery-failures/:id/resolve (`resolve`): the owner has dealt with it another way. Audited. */
    async resolve(id: number, note: string | undefined, by: Staff): Promise<DeliveryFailureView> {
      const row = await find(id);
      if (row.status === 'resolved') throw new ConflictError(SENTENCES.alreadyResolved);
      const updated = await strapi.db.transaction(async () => {
        const saved = (await rows().update({
          where: { id },
          data: { status: 'resolved', retryable: false, resolvedAt: systemClock.now(), resolution: 'manual', resolvedBy: by.displayName, note: note ?? null },
        })) as StoredFailure;
        await audit().record({
          actor: staffActor(by),
          action: AUDIT_ACTIONS.deliveryResolve,
          entity: { type: 'delivery_failure', id },
          ...(row.conversationId ? { conversationId: row.conversationId } : {}),
          messageId: row.messageId,
          details: { previousStatus: row.status, note: note ?? null, recipient: row.recipient },
        });
        return saved;
      });
      await changed(row.messageId);
      return failureView(updated);
    },

    /** Messaging's delivery-failures port: what staff read beside messages and threads. */
    port(): Parameters<MessagingFailuresPort['fill']>[0] {
      return {
        async failuresOf(messageIds) {
          const found = (await rows().findMany({ where: { messageId: { $in: messageIds }, status: { $ne: 'resolved' } } })) as StoredFailure[];
          return new Map(
            found.map((r): [string, MessageDeliveryFailure] => [r.messageId, { id: String(r.id), reason: r.reason, attempts: r.attempts, retryable: retryable(r.status), status: r.status, errorCode: r.errorCode ?? null }]),
          );
        },
        async openFailuresOf(conversationIds) {
          const counts = (await strapi.db
            .connection(DELIVERY_FAILURE_TABLE)
            .whereIn('conversation_id', conversationIds.map(String))
            .whereNot('status', 'resolved')
            .groupBy('conversation_id')
            .select('conversation_id')
            .count({ n: '*' })) as Array<{ conversation_id: string; n: string | number }>;
          return new Map(counts.map((c) => [Number(c.conversation_id), Number(c.n)]));
        },
        async threadsWithOpenFailures() {
          const found = (await strapi.db.connection(DELIVERY_FAILURE_TABLE).whereNot('status', 'resolved').whereNotNull('conversation_id').distinct('conversation_id')) as Array<{ conversation_id: string }>;
          return found.map((r) => Number(r.conversation_id));
        },
      };
    },

    /** At bootstrap: the listener, the port, and the stuck sweep every minute on one node. */
    async start(): Promise<void> {
      outbound().onDelivery((update) => api.onDelivery(update));
      (strapi.plugin('messaging').service('delivery-failures') as MessagingFailuresPort).fill(api.port());
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      boss.once('stopped', () => {
        boss = null;
      });
      await boss.createQueue(STUCK_SWEEP_QUEUE, { name: STUCK_SWEEP_QUEUE, policy: 'singleton' });
      await boss.work(STUCK_SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
        await api.sweepStuck();
      });
      await boss.schedule(STUCK_SWEEP_QUEUE, '* * * * *');
    },
  };
  return api;
};

export type DeliveryFailuresService = ReturnType<typeof deliveryFailures>;
export default deliveryFailures;

