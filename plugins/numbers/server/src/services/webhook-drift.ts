import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, type PgBoss } from '@switchboard/database';
import { displayNumber, publishDomainEvent } from '@switchboard/kit';
import type { ProviderSettingsService } from '@switchboard/provider';
import { AUDIT_ACTIONS, DRIFT_QUEUE, EVENTS, PLUGIN } from '../constants';
import { numbersToRepair, webhookDrift, type NumberWebhooks } from '../domain/webhook-drift';
import { getService } from '../get-service';
import type { Actor } from './lifecycle';

export interface DriftedNumber {
  e164: string;
  /** What the provider has on the number now. */
  actual: NumberWebhooks;
  /** What we expect (provider `settings.webhookUrls()`). */
  expected: NumberWebhooks;
  differ: Array<'inboundUrl' | 'statusUrl'>;
}

export interface WebhookDriftReport {
  checkedAt: string;
  /** False in the sandbox: its numbers have no webhooks to drift. */
  applies: boolean;
  checked: number;
  drifted: DriftedNumber[];
  /** Numbers the provider could not be asked about, with the sentence. */
  problems: Array<{ e164: string; problem: string }>;
}

const problemOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The drift check (issue 23): each of our numbers at a real provider, its SMS and status-callback addresses compared
 * with ours. A number someone re-pointed in the provider's console is a `provider_error` event (alerts raises one
 * alert per number) and can be repaired: the addresses are set again through the provider API. It runs on a pg-boss
 * schedule, once across nodes (a singleton queue), and when someone asks for a fresh status ("Check again"); the last
 * report is kept in the core store, so reading the status costs no provider call on any node.
 */
const webhookDriftService = ({ strapi }: { strapi: Core.Strapi }) => {
  const provider = () => strapi.plugin('provider').service('settings') as ProviderSettingsService;
  let boss: PgBoss | null = null;
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'webhook-drift' });

  const api = {
    async check(now: Date = systemClock.now()): Promise<WebhookDriftReport> {
      const client = await provider().provider();
      const report: WebhookDriftReport = { checkedAt: now.toISOString(), applies: client.kind !== 'sandbox', checked: 0, drifted: [], problems: [] };
      if (!report.applies) return report;
      const expected = await provider().webhookUrls();
      const numbers = (await getService(strapi, 'inventory').list()).filter((n) => n.providerRef && n.status !== 'inactive');
      for (const n of numbers) {
        try {
          const actual = await client.webhooksOf(n.providerRef!);
          report.checked += 1;
          if (!actual) continue;
          const differ = webhookDrift(actual, expected);
          if (differ.length > 0) report.drifted.push({ e164: n.e164, actual, expected, differ });
        } catch (error) {
          report.problems.push({ e164: n.e164, problem: problemOf(error) });
        }
      }
      for (const d of report.drifted) {
        await publishDomainEvent(strapi, {
          type: EVENTS.providerError,
          source: PLUGIN,
          at: report.checkedAt,
          subject: { type: 'number', id: d.e164 },
          data: { reason: 'webhook_drift', e164: d.e164, actual: d.actual, expected: d.expected, differ: d.differ, title: `Provider error: ${displayNumber(d.e164)}'s webhooks point elsewhere` },
        });
      }
      await store().set({ value: report });
      return report;
    },

    /** The last check's report (scheduled or asked for), or null before the first. */
    async latest(): Promise<WebhookDriftReport | null> {
      return ((await store().get({})) as WebhookDriftReport | null) ?? null;
    },

    /** Re-points drifted numbers (the ones named, or all) at our addresses; audited per number. */
    async repair(asked: string[] | undefined, actor: Actor) {
      const report = await api.check();
      const { repair, notDrifted } = numbersToRepair(report.drifted.map((d) => d.e164), asked);
      const client = await provider().provider();
      const expected = await provider().webhookUrls();
      const byE164 = new Map((await getService(strapi, 'inventory').list()).map((n) => [n.e164, n]));
      const repaired: string[] = [];
      const failed: Array<{ e164: string; problem: string }> = [];
      for (const e164 of repair) {
        const n = byE164.get(e164)!;
        try {
          await client.installWebhooks({ providerRef: n.providerRef!, e164, capabilities: n.capabilities ?? { sms: true, mms: false, voice: false } }, expected);
          await getService(strapi, 'lifecycle').record(actor, AUDIT_ACTIONS.webhooksRepaired, n.id, { e164, before: report.drifted.find((d) => d.e164 === e164)!.actual, after: expected });
          repaired.push(e164);
        } catch (error) {
          failed.push({ e164, problem: problemOf(error) });
        }
      }
      return { repaired, failed, notDrifted, expected };
    },

    /** The schedule: every 15 minutes, one node at a time (TIMED_SWEEPS=false in tests, which call check()). */
    async start(): Promise<void> {
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      await boss.createQueue(DRIFT_QUEUE, { name: DRIFT_QUEUE, policy: 'singleton' });
      await boss.work(DRIFT_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
        await api.check().catch((error) => strapi.log.error(`[numbers] webhook drift check failed: ${error}`));
      });
      if (env.TIMED_SWEEPS) await boss.schedule(DRIFT_QUEUE, '*/15 * * * *');
      else await boss.unschedule(DRIFT_QUEUE);
    },

    async stop(): Promise<void> {
      boss = null;
    },
  };
  return api;
};

export type WebhookDriftService = ReturnType<typeof webhookDriftService>;
export default webhookDriftService;
