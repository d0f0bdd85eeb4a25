import type { Core } from '@strapi/strapi';
import { loadEnv, defaults, systemClock } from '@switchboard/config';
import { startJobQueue, stopJobQueue, type PgBoss } from '@switchboard/database';
import { NotFoundError } from '@switchboard/kit';
import { advancesStatus, type DeliveryStatus } from '../domain/provider';
import { canSend, initialBreaker, recordFailure, recordSuccess } from '../domain/circuit-breaker';
import { retryDelayMs, shouldRetry } from '../domain/backoff';
import { describeProviderError } from '../domain/provider-errors';
import { problemOf } from './provider-refusal';
import { DELIVERY_QUEUE, OUTBOUND_UID, TABLES } from '../constants';
import { getService } from '../get-service';

/** What a delivery listener (the messaging plugin) hears about an outbound SMS. */
export interface DeliveryUpdate {
  outboundId: number;
  messageRef: string;
  status: DeliveryStatus;
  deadLettered: boolean;
  problem: { code: number | null; message: string; nextStep: string } | null;
}
type DeliveryListener = (update: DeliveryUpdate) => Promise<void> | void;

interface OutboundRow {
  id: number;
  messageRef: string;
  fromNumber: string;
  toNumber: string;
  body: string;
  status: DeliveryStatus | 'retrying';
  attempts: number;
  providerMessageId: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  deadLettered: boolean;
}

/**
 * Outbound delivery on pg-boss (OPS §4.7, §6.3): at most three automatic attempts with exponential backoff
 * and jitter, a circuit breaker shared through the database, and a dead-letter state an owner can retry.
 * A job only ever sends a row it has claimed, so a restart or a second node never sends one twice.
 */
const outbound = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const listeners: DeliveryListener[] = [];
  let boss: PgBoss | null = null;
  const settings = () => getService(strapi, 'settings');
  const breakerPolicy = { failureThreshold: env.BREAKER_FAILURE_THRESHOLD, cooldownMs: env.BREAKER_COOLDOWN_MS };

  async function notify(row: OutboundRow, problem: DeliveryUpdate['problem']) {
    const update: DeliveryUpdate = { outboundId: row.id, messageRef: row.messageRef, status: row.status === 'retrying' ? 'queued' : row.status, deadLettered: row.deadLettered, problem };
    for (const listener of listeners) {
      try {
        await listener(update);
      } catch (error) {
        strapi.log.error(`[provider] delivery listener failed for outbound ${row.id}: ${(error as Error).message}`);
      }
    }
  }

  async function enqueue(outboundId: number, delayMs = 0) {
    if (!boss) return;
    await boss.send(DELIVERY_QUEUE, { outboundId }, { startAfter: Math.ceil(delayMs / 1000), singletonKey: `outbound-${outboundId}`, retryLimit: 0 });
  }

  /** Takes the row for this attempt; null when another worker has it or it is already done. */
  async function claim(outboundId: number): Promise<OutboundRow | null> {
    return strapi.db.transaction(async ({ trx }) => {
      const row = await trx(TABLES.outbound).where('id', outboundId).forUpdate().skipLocked().first();
      if (!row || row.provider_message_id || row.dead_lettered || !['queued', 'retrying'].includes(row.status)) return null;
      await trx(TABLES.outbound).where('id', outboundId).update({ status: 'sending', attempts: row.attempts + 1, updated_at: systemClock.now() });
      return toRow({ ...row, status: 'sending', attempts: row.attempts + 1 });
    });
  }

  async function deliver(outboundId: number): Promise<void> {
    const current = await settings().row();
    const gate = canSend(current.breaker ?? initialBreaker, breakerPolicy, systemClock.now().getTime());
    if (JSON.stringify(gate.state) !== JSON.stringify(current.breaker)) await settings().saveBreaker(gate.state);
    if (!gate.allowed) {
      // The provider is failing: wait for the breaker's cooldown without spending an attempt.
      await enqueue(outboundId, breakerPolicy.cooldownMs);
      return;
    }
    const row = await claim(outboundId);
    if (!row) return;
    const provider = await settings().provider();
    try {
      const { statusUrl } = await settings().webhookUrls();
      const sent = await provider.sendMessage({ from: row.fromNumber, to: row.toNumber, body: row.body, statusCallbackUrl: statusUrl });
      await strapi.db.query(OUTBOUND_UID).update({ where: { id: row.id }, data: { status: sent.status, providerMessageId: sent.providerMessageId, errorCode: null, errorMessage: null } });
      await settings().saveBreaker(recordSuccess((await settings().row()).breaker ?? initialBreaker));
      await notify({ ...row, status: sent.status, providerMessageId: sent.providerMessageId }, null);
    } catch (error) {
      const problem = problemOf(error);
      strapi.log.warn(`[provider] send of outbound ${row.id} failed (attempt ${row.attempts}): code ${problem.code} ${(error as Error).message}`);
      if (problem.retryable) await settings().saveBreaker(recordFailure((await settings().row()).breaker ?? initialBreaker, breakerPolicy, systemClock.now().getTime()));
      const retry = shouldRetry(row.attempts, defaults.deliveryMaxAttempts, problem);
      const next: Partial<OutboundRow> = retry
        ? { status: 'retrying', errorCode: problem.code, errorMessage: problem.message }
        : { status: 'failed', errorCode: problem.code, errorMessage: problem.message, deadLettered: true };
      await strapi.db.query(OUTBOUND_UID).update({ where: { id: row.id }, data: next });
      if (retry) await enqueue(row.id, retryDelayMs(row.attempts, { baseMs: env.DELIVERY_RETRY_BASE_MS, maxMs: env.DELIVERY_RETRY_MAX_MS }, Math.random));
      await notify({ ...row, ...next } as OutboundRow, { code: problem.code, message: problem.message, nextStep: problem.nextStep });
    }
  }

  return {
    onDelivery(listener: DeliveryListener) {
      listeners.push(listener);
    },

    async start(): Promise<void> {
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      await boss.createQueue(DELIVERY_QUEUE);
      await boss.work(DELIVERY_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
        // Strapi's pg type parsers leave json columns as text, so the job's data may arrive as a string.
        for (const job of jobs) await deliver(jobData(job.data).outboundId);
      });
      // Recovery after a restart: anything still waiting gets a job (singletonKey keeps it to one).
      const waiting = await strapi.db.connection(TABLES.outbound).whereIn('status', ['queued', 'retrying']).where('dead_lettered', false).select('id');
      for (const w of waiting) await enqueue(w.id);
    },

    async stop(): Promise<void> {
      boss = null;
      await stopJobQueue();
    },

    /** Records an SMS to send; joins the caller's transaction. Call `dispatch` after it commits. */
    async record(input: { messageRef: string; from: string; to: string; body: string }): Promise<number> {
      const created = await strapi.db.query(OUTBOUND_UID).create({
        data: { messageRef: input.messageRef, fromNumber: input.from, toNumber: input.to, body: input.body, status: 'queued', attempts: 0, deadLettered: false },
      });
      return created.id;
    },

    dispatch: (outboundId: number) => enqueue(outboundId),

    /** Dead letters: failed sends an owner can see and retry (OPS §4.7). */
    async deadLetters() {
      const rows = await strapi.db.query(OUTBOUND_UID).findMany({ where: { deadLettered: true }, orderBy: { id: 'desc' } });
      return rows.map((r: any) => ({ ...toPublic(r), problem: describeProviderError({ code: r.errorCode }) }));
    },

    /** Sends a dead letter again (an owner's manual retry); NotFoundError when that id is not waiting for one (or is no id). */
    async retry(outboundId: number | null) {
      const updated =
        outboundId === null
          ? 0
          : await strapi.db.connection(TABLES.outbound).where({ id: outboundId, dead_lettered: true }).whereNull('provider_message_id').update({ dead_lettered: false, status: 'queued', attempts: 0 });
      if (!updated) throw new NotFoundError('That failed message is not waiting for a retry; it may already have been retried.');
      await enqueue(outboundId!);
      return this.find(outboundId!);
    },

    /** A status callback from the provider: moves the delivery state forward, never back. */
    async applyStatus(input: { providerMessageId: string; status: DeliveryStatus; errorCode: number | null }): Promise<boolean> {
      const row = await strapi.db.query(OUTBOUND_UID).findOne({ where: { providerMessageId: input.providerMessageId } });
      if (!row || !advancesStatus(row.status === 'retrying' ? 'queued' : row.status, input.status)) return false;
      const problem = input.errorCode ? describeProviderError({ code: input.errorCode }) : null;
      const data = { status: input.status, ...(problem ? { errorCode: input.errorCode, errorMessage: problem.message } : {}) };
      await strapi.db.query(OUTBOUND_UID).update({ where: { id: row.id }, data });
      await notify({ ...toRow(row), ...data } as OutboundRow, problem ? { code: problem.code, message: problem.message, nextStep: problem.nextStep } : null);
      return true;
    },

    async find(outboundId: number) {
      const row = await strapi.db.query(OUTBOUND_UID).findOne({ where: { id: outboundId } });
      return row ? toPublic(row) : null;
    },
  };
};

function jobData(data: unknown): { outboundId: number } {
  return (typeof data === 'string' ? JSON.parse(data) : data) as { outboundId: number };
}

function toRow(r: any): OutboundRow {
  return {
    id: r.id,
    messageRef: r.messageRef ?? r.message_ref,
    fromNumber: r.fromNumber ?? r.from_number,
    toNumber: r.toNumber ?? r.to_number,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    providerMessageId: r.providerMessageId ?? r.provider_message_id ?? null,
    errorCode: r.errorCode ?? r.error_code ?? null,
    errorMessage: r.errorMessage ?? r.error_message ?? null,
    deadLettered: Boolean(r.deadLettered ?? r.dead_lettered),
  };
}

function toPublic(r: any) {
  const row = toRow(r);
  return { id: row.id, messageRef: row.messageRef, to: row.toNumber, from: row.fromNumber, status: row.status, attempts: row.attempts, errorCode: row.errorCode, errorMessage: row.errorMessage, deadLettered: row.deadLettered };
}

export type OutboundService = ReturnType<typeof outbound>;
export default outbound;
