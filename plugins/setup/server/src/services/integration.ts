import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import type { ProviderSettingsService, ReadinessService, UsageService } from '@switchboard/provider';
import type { WebhookDriftService } from '@switchboard/numbers';
import type { Staff } from './wizard';

export interface Check {
  name: 'provider' | 'webhook' | 'database';
  ok: boolean;
  detail?: string;
  problem?: string;
  latencyMs?: number;
}

const problemOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Integration status (OPS §3.8 "Integration Status", issue 23 item 2): the provider, the database and the webhooks,
 * read whenever the page asks, not only during setup; "Test Integration"; the drift check's repair. It reads through
 * provider (account, webhook receipts, the round trip) and numbers (the drift check on the inventory's numbers).
 */
const integration = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin('provider').service('settings') as ProviderSettingsService;
  const readiness = () => strapi.plugin('provider').service('readiness') as ReadinessService;
  const usage = () => strapi.plugin('provider').service('usage') as UsageService;
  const drift = () => strapi.plugin('numbers').service('webhook-drift') as WebhookDriftService;

  async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await work();
    return { value, ms: Math.round(performance.now() - started) };
  }

  async function providerCheck(): Promise<Check & { mode: 'sandbox' | 'twilio'; accountName: string | null }> {
    const client = await settings().provider();
    try {
      const { value, ms } = await timed(() => client.checkAccount());
      return { name: 'provider', mode: client.kind, ok: value.ok, accountName: value.accountName, latencyMs: ms, ...(client.kind === 'sandbox' ? { detail: 'The sandbox provider: nothing leaves this server.' } : {}), ...(value.ok ? {} : { problem: value.problems[0] ?? 'Unable to connect to Twilio. Check Account SID and Auth Token.' }) };
    } catch (error) {
      return { name: 'provider', mode: client.kind, ok: false, accountName: null, problem: problemOf(error) };
    }
  }

  async function databaseCheck(): Promise<Check> {
    try {
      const { ms } = await timed(() => strapi.db.connection.raw('select 1'));
      return { name: 'database', ok: true, latencyMs: ms };
    } catch (error) {
      return { name: 'database', ok: false, problem: `The database did not answer: ${problemOf(error)}` };
    }
  }

  return {
    /**
     * GET /setup/status. The drift check's last report (every 15 minutes, on one node), or a check now when `fresh`
     * ("Check again") or when none has run yet: a live check asks the provider once per number.
     */
    async status({ fresh = false }: { fresh?: boolean } = {}) {
      const [provider, database] = [await providerCheck(), await databaseCheck()];
      const state = await readiness().state();
      const activity = await usage().webhookActivity();
      const report = (!fresh && (await drift().latest())) || (await drift().check());
      return {
        checkedAt: systemClock.now().toISOString(),
        provider: { mode: provider.mode, status: provider.ok ? 'connected' : 'error', accountName: provider.accountName, latencyMs: provider.latencyMs ?? null, ...(provider.problem ? { problem: provider.problem } : {}) },
        database: { status: database.ok ? 'ok' : 'error', latencyMs: database.latencyMs ?? null, ...(database.problem ? { problem: database.problem } : {}) },
        webhooks: { urls: await settings().webhookUrls(), verifiedAt: state.webhookVerifiedAt, inbound: activity.inbound, status: activity.status },
        drift: report,
      };
    },

    /** POST /setup/test-integration ("Test Integration", OPS §3.8): the provider, the webhook's round trip, the database. */
    async test() {
      const provider = await providerCheck();
      let webhook: Check;
      if (provider.mode === 'sandbox') webhook = { name: 'webhook', ok: true, detail: 'The sandbox provider calls no webhooks.' };
      else {
        const { value, ms } = await timed(() => readiness().verifyWebhookRoundTrip());
        webhook = { name: 'webhook', ok: value.verified, latencyMs: ms, detail: value.url, ...(value.problem ? { problem: value.problem } : {}) };
      }
      const checks: Check[] = [{ name: 'provider', ok: provider.ok, ...(provider.detail ? { detail: provider.detail } : {}), ...(provider.problem ? { problem: provider.problem } : {}), ...(provider.latencyMs !== undefined ? { latencyMs: provider.latencyMs } : {}) }, webhook, await databaseCheck()];
      return { ok: checks.every((c) => c.ok), checks };
    },

    /** POST /setup/status/repair: re-points drifted numbers at our webhook addresses. */
    async repair(numbers: string[] | undefined, staff: Staff) {
      return drift().repair(numbers, staff);
    },
  };
};

export type IntegrationService = ReturnType<typeof integration>;
export default integration;
