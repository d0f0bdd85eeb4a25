import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, stopJobQueue, type PgBoss } from '@switchboard/database';
import { canSend, holdDelayMs, initialBreaker, recordFailure, recordSuccess } from '../domain/circuit-breaker';
import { retryDelayMs } from '../domain/backoff';
import { afterFailedAttempt, deliveryProblem, deliveryUpdate, isClaimable, toOutboundRow, WAITING_STATUSES, type OutboundRow } from '../domain/outbound-message';
import { problemOf } from './provider-refusal';
import { DELIVERY_QUEUE, OUTBOUND_UID, TABLES } from '../constants';
import { getService } from '../get-service';

/**
 * The delivery worker on pg-boss (OPS §4.7, §6.3): one job per waiting SMS, at most three automatic attempts with
 * exponential backoff and jitter, a circuit breaker shared through the database, and a dead letter an owner can retry.
 * A job only ever sends a row it has claimed, so a restart or a second node never sends one twice.
 */
const delivery = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  let boss: PgBoss | null = null;
  const settings = () => getService(strapi, 'settings');
  const outbound = () => getService(strapi, 'outbound');
  const breakerPolicy = { failureThreshold: env.BREAKER_FAILURE_THRESHOLD, cooldownMs: env.BREAKER_COOLDOWN_MS };
  const nowMs = () => systemClock.now().getTime();

  async function enqueue(outboundId: number, delayMs = 0): Promise<void> {
    if (!boss) return;
    await boss.send(DELIVERY_QUEUE, { outboundId }, { startAfter: Math.ceil(delayMs / 1000), singletonKey: `outbound-${outboundId}`, retryLimit: 0 });
  }

  /** Takes the row for this attempt; null when another worker has it or it is already done. */
  async function claim(outboundId: number): Promise<OutboundRow | null> {
    return strapi.db.transaction(async ({ trx }) => {
      const found = await trx(TABLES.outbound).where('id', outboundId).forUpdate().skipLocked().first();
      if (!found) return null;
      const row = toOutboundRow(found);
      if (!isClaimable(row)) return null;
      await trx(TABLES.outbound).where('id', outboundId).update({ status: 'sending', attempts: row.attempts + 1, updated_at: systemClock.now() });
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1 };
    });
  }

  async function attempt(outboundId: number): Promise<void> {
    const current = await settings().row();
    const gate = canSend(current.breaker ?? initialBreaker, breakerPolicy, nowMs());
    if (JSON.stringify(gate.state) !== JSON.stringify(current.breaker)) await settings().saveBreaker(gate.state);
    if (!gate.allowed) {
      // The provider is failing: wait until the breaker's cooldown ends, without spending an attempt.
      await enqueue(outboundId, holdDelayMs(gate.state, breakerPolicy, nowMs()));
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
      await outbound().notify(deliveryUpdate({ ...row, status: sent.status, providerMessageId: sent.providerMessageId }, null));
    } catch (error) {
      const problem = problemOf(error);
      strapi.log.warn(`[provider] send of outbound ${row.id} failed (attempt ${row.attempts}): code ${problem.code} ${(error as Error).message}`);
      if (problem.retryable) await settings().saveBreaker(recordFailure((await settings().row()).breaker ?? initialBreaker, breakerPolicy, nowMs()));
      // The settings page's retries and backoff (OPS §3.8 "Delivery Settings").
      const chosen = await getService(strapi, 'delivery-settings').get();
      const backoff = { baseMs: chosen.backoffSeconds * 1000, maxMs: chosen.maxBackoffSeconds * 1000 };
      const { retry, change } = afterFailedAttempt(row.attempts, chosen.retries + 1, problem);
      await strapi.db.query(OUTBOUND_UID).update({ where: { id: row.id }, data: change });
      if (retry) await enqueue(row.id, retryDelayMs(row.attempts, backoff, Math.random));
      await outbound().notify(deliveryUpdate({ ...row, ...change }, deliveryProblem(problem)));
    }
  }

  return {
    /** Starts the worker (at bootstrap), and gives every send still waiting a job: nothing is lost across a restart. */
    async start(): Promise<void> {
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      await boss.createQueue(DELIVERY_QUEUE);
      await boss.work(DELIVERY_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
        for (const job of jobs) await attempt(jobData(job.data).outboundId);
      });
      // singletonKey keeps a send that already has a job to that one job.
      const waiting = await strapi.db.connection(TABLES.outbound).whereIn('status', [...WAITING_STATUSES]).where('dead_lettered', false).select('id');
      for (const w of waiting) await enqueue(w.id);
    },

    async stop(): Promise<void> {
      boss = null;
      await stopJobQueue();
    },

    /** A job for this send, after `delayMs`; one per send at a time. */
    enqueue,
  };
};

/** Strapi's pg type parsers leave json columns as text, so a job's data may arrive as a string. */
function jobData(data: unknown): { outboundId: number } {
  return (typeof data === 'string' ? JSON.parse(data) : data) as { outboundId: number };
}

export type DeliveryService = ReturnType<typeof delivery>;
export default delivery;
