import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, type PgBoss } from '@switchboard/database';
import { onDomainEvent } from '@switchboard/kit';
import { violationTitle } from '@switchboard/policy';
import { SWEEP_QUEUE } from '../constants';
import { SOURCE_EVENTS, alertFromEvent } from '../domain/alert-types';
import { failureRateBreached } from '../domain/settings';
import { SLO, sloMisses } from '../domain/slo';
import { getService } from '../get-service';
import { lower } from './lower';

/** How far back the SLA check looks for unanswered questions (older ones were breaches long ago, alerted then). */
const SLA_LOOKBACK_MS = 7 * 24 * 3_600_000;
/** OPS §3.7 "Number cooldown expiring soon": this many days ahead (issue 21: within 7 days). */
const COOLDOWN_NOTICE_DAYS = 7;

/**
 * Where alerts come from (README "Sources"): the domain events of the plugins below, heard after their commits; on
 * start, a backfill of what is already open in their feeds (violations, delivery failures); and a minute sweep for
 * what no event announces — the provider's delivery failure rate and breaker, SLA breaches — and the escalations.
 */
const sources = ({ strapi }: { strapi: Core.Strapi }) => {
  const unsubscribe: Array<() => void> = [];
  const inFlight = new Set<Promise<unknown>>();
  let boss: PgBoss | null = null;
  const of = lower(strapi);
  const alerts = () => getService(strapi, 'alerts');

  const track = (work: Promise<unknown>) => {
    const tracked = work.catch((error) => strapi.log.error(`[alerts] an alert was not raised: ${error}`));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  const api = {
    /** First start (and every start): open alerts for open violations and failures that have none and never had one. */
    async backfill(): Promise<number> {
      let raised = 0;
      const violations = await of.violations().list({ status: 'open', page: 1, pageSize: 200 } as any);
      for (const v of violations.data) {
        const key = `policy_violation:${v.id}`;
        if (await alerts().ever(key)) continue;
        const input = alertFromEvent({ type: 'policy_violation', at: v.createdAt, subject: { type: 'policy_violation', id: v.id }, conversationId: v.conversationId, data: { title: violationTitle(v.thread.clientName, v.type), clientName: v.thread.clientName, actionTaken: v.actionTaken, redactedText: v.redactedText, sender: v.sender } });
        if (input) {
          await alerts().raise(input);
          raised += 1;
        }
      }
      for (const status of ['failed', 'stuck'] as const) {
        const failures = await of.deliveryFailures().list({ status, page: 1, pageSize: 200 } as any);
        for (const f of failures.data) {
          const input = alertFromEvent({ type: 'delivery_failure', at: f.lastFailedAt, subject: { type: 'delivery_failure', id: f.id }, ...(f.conversationId ? { conversationId: f.conversationId } : {}), data: { title: `Delivery failure: ${f.thread.clientName || f.thread.recipient} - ${f.reason}`, clientName: f.thread.clientName, reason: f.reason, errorCode: f.errorCode, attempts: f.attempts } });
          if (!input || (await alerts().ever(input.sourceKey))) continue;
          await alerts().raise(input);
          raised += 1;
        }
      }
      return raised;
    },

    /** provider_error: the delivery failure rate over the threshold in the window, or the provider's breaker open. */
    async checkProvider(now: Date = systemClock.now()): Promise<number> {
      const settings = await getService(strapi, 'settings').get();
      const since = new Date(+now - settings.failureRateWindowMinutes * 60_000);
      const usage = await of.usage().numberUsage(await of.numbers().allE164(), since);
      let volume = 0;
      let errors = 0;
      for (const u of usage.values()) {
        volume += u.volume;
        errors += u.errors;
      }
      let raised = 0;
      if (failureRateBreached(volume, errors, settings)) {
        const percent = Math.round((errors / volume) * 100);
        await alerts().raise({
          type: 'provider_error',
          sourceKey: 'provider_error:failure_rate',
          title: `Provider error: ${percent}% of messages failed in the last ${settings.failureRateWindowMinutes} minutes`,
          description: `${errors} of ${volume} messages through your numbers failed or went undelivered since ${since.toISOString()} (the threshold is ${settings.failureRatePercent}%). Check the Delivery failures tab and the provider's status.`,
          related: {},
          at: now,
        });
        raised += 1;
      }
      const refused = await of.usage().webhookRefusalsSince(since);
      if (refused > settings.webhookRefusalsMax) {
        await alerts().raise({
          type: 'provider_error',
          sourceKey: 'provider_error:webhook_signatures',
          title: `Provider error: ${refused} webhooks refused for their signature in the last ${settings.failureRateWindowMinutes} minutes`,
          description: `Requests to our webhook addresses are arriving unsigned or signed with another token (more than ${settings.webhookRefusalsMax}). Check the webhook URL and the Auth Token in the provider settings, or someone is probing the address.`,
          related: {},
          at: now,
        });
        raised += 1;
      }
      const backlog = await of.usage().deliveryBacklog();
      if (backlog > settings.deliveryBacklogMax) {
        await alerts().raise({
          type: 'provider_error',
          sourceKey: 'provider_error:backlog',
          title: `Provider error: ${backlog} SMS waiting in the delivery queue`,
          description: `More than ${settings.deliveryBacklogMax} messages are queued or waiting for a retry. Check the provider's status and the circuit breaker.`,
          related: {},
          at: now,
        });
        raised += 1;
      }
      // PRD §10's targets, over the last hour, every node's figures.
      for (const miss of sloMisses(await of.stats().sloSince(new Date(+now - SLO.windowMinutes * 60_000)))) {
        await alerts().raise({ type: 'provider_error', ...miss, related: {}, at: now });
        raised += 1;
      }
      const breaker = (await of.providerSettings().publicView()).breaker;
      if (breaker?.status === 'open') {
        await alerts().raise({
          type: 'provider_error',
          sourceKey: 'provider_error:breaker',
          title: 'Provider error: sending is paused (circuit breaker open)',
          description: `The provider refused ${breaker.consecutiveFailures} sends in a row, so SMS wait in the queue; they go out when a probe succeeds.`,
          related: {},
          at: now,
        });
        raised += 1;
      }
      return raised;
    },

    /** sla_breach: a client question unanswered past the SLA, one open alert per thread. */
    async checkSla(now: Date = systemClock.now()): Promise<number> {
      const { slaMinutes } = await getService(strapi, 'settings').get();
      const waiting = await of.stats().awaitingReply(new Date(+now - slaMinutes * 60_000), new Date(+now - SLA_LOOKBACK_MS));
      for (const w of waiting) {
        const key = `sla_breach:${w.conversationId}:${w.askedAt.toISOString()}`;
        if (await alerts().ever(key)) continue;
        await alerts().raise({
          type: 'sla_breach',
          sourceKey: key,
          title: `Response time SLA breached: ${w.label}`,
          description: `${w.label} asked at ${w.askedAt.toISOString()} and has had no reply for over ${slaMinutes} minutes.`,
          related: { conversationId: w.conversationId, clientName: w.label },
          at: now,
        });
      }
      return waiting.length;
    },

    /**
     * The inventory (OPS §3.1, §4.9): a number in red health (`number_health`, critical, one per number while open), a
     * quarantine cooldown ending within `COOLDOWN_NOTICE_DAYS` (`cooldown_ending`, warning) or ended
     * (`cooldown_complete`, info), once per number and cooldown.
     */
    async checkNumbers(now: Date = systemClock.now()): Promise<number> {
      let raised = 0;
      for (const n of await of.inventory().list()) {
        if (n.health === 'critical') {
          await alerts().raise({
            type: 'number_health',
            sourceKey: `number_health:${n.e164}`,
            occurrenceKey: `errors:${n.deliveryErrors7d}`,
            title: `Number health: ${n.display} (${n.assignedTo}) has ${n.deliveryErrors7d} delivery errors in 7 days`,
            description: 'Three or more failed deliveries in a week: check the Delivery failures tab, and consider quarantining the number on the Number Inventory page.',
            related: { number: n.e164 },
            at: now,
          });
          raised += 1;
        }
        const until = n.quarantine?.cooldownUntil ? new Date(n.quarantine.cooldownUntil) : null;
        if (!until) continue;
        const left = +until - +now;
        const type = left <= 0 ? 'cooldown_complete' : left <= COOLDOWN_NOTICE_DAYS * 86_400_000 ? 'cooldown_ending' : null;
        if (!type) continue;
        const key = `${type}:${n.e164}:${until.toISOString()}`;
        if (await alerts().ever(key)) continue;
        await alerts().raise({
          type,
          sourceKey: key,
          title: type === 'cooldown_complete' ? `Cooldown complete: ${n.display} can be released from quarantine` : `Cooldown ending: ${n.display} leaves quarantine on ${until.toISOString().slice(0, 10)}`,
          description: type === 'cooldown_complete' ? 'Its quarantine cooldown has ended (OPS §4.9). Release it from quarantine on the Number Inventory page to use it again.' : `Its quarantine cooldown ends in ${Math.ceil(left / 86_400_000)} days (OPS §4.9).`,
          related: { number: n.e164 },
          at: now,
        });
        raised += 1;
      }
      return raised;
    },

    /** The minute sweep's work, in order. */
    async sweep(now: Date = systemClock.now()): Promise<void> {
      await api.checkProvider(now).catch((error) => strapi.log.error(`[alerts] provider check failed: ${error}`));
      await api.checkSla(now).catch((error) => strapi.log.error(`[alerts] SLA check failed: ${error}`));
      await api.checkNumbers(now).catch((error) => strapi.log.error(`[alerts] number check failed: ${error}`));
      await getService(strapi, 'escalations').sweep(now);
    },

    async start(): Promise<void> {
      for (const type of SOURCE_EVENTS) {
        unsubscribe.push(
          onDomainEvent(strapi, type, (event) => {
            const input = alertFromEvent(event);
            if (input) track(alerts().raise(input));
          }),
        );
      }
      await api.backfill().catch((error) => strapi.log.error(`[alerts] backfill failed: ${error}`));
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' });
      await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
        await api.sweep();
      });
      if (env.TIMED_SWEEPS) await boss.schedule(SWEEP_QUEUE, '* * * * *');
      else await boss.unschedule(SWEEP_QUEUE);
    },

    /** Raised alerts still being written (tests, shutdown). */
    async settled(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },

    async stop(): Promise<void> {
      for (const off of unsubscribe.splice(0)) off();
      await Promise.allSettled([...inFlight]);
      boss = null;
    },
  };
  return api;
};

export type SourcesService = ReturnType<typeof sources>;
export default sources;
