import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { loadEnv } from '@switchboard/config';
import { staffActor } from '@switchboard/audit';
import { decryptSecret, encryptSecret, maskSecret } from '../domain/secrets';
import { initialBreaker, type BreakerState } from '../domain/circuit-breaker';
import type { MessagingProvider } from '../domain/provider';
import type { ProviderSettings } from '../../../shared/contracts';
import { SandboxProvider } from './sandbox-provider';
import { TwilioProvider } from './twilio-provider';
import { AUDIT_ACTIONS, SANDBOX_PHONE_UID, SETTING_UID, WEBHOOK_ROUTES } from '../constants';
import { auditLog } from '../get-service';

export interface ProviderSettingRow {
  id: number;
  kind: 'sandbox' | 'twilio';
  accountSid: string | null;
  authTokenEncrypted: string | null;
  apiBaseUrl: string | null;
  webhookBaseUrl: string | null;
  frontDeskNumber: string | null;
  breaker: BreakerState | null;
  setupCompletedAt: string | Date | null;
  webhookVerificationNonce: string | null;
  webhookVerifiedAt: string | Date | null;
}

/** The sandbox's Front Desk number until the number inventory assigns real ones. */
export const SANDBOX_FRONT_DESK = '+14155550100';

/** Provider settings: one row, credentials encrypted at rest, shown masked, never sent to a browser in clear. */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const key = () => {
    if (!env.SECRETS_ENCRYPTION_KEY) throw new Error('SECRETS_ENCRYPTION_KEY is not set; provider credentials cannot be stored.');
    return env.SECRETS_ENCRYPTION_KEY;
  };
  let cached: { version: string; provider: MessagingProvider } | null = null;

  async function row(): Promise<ProviderSettingRow> {
    const found = await strapi.db.query(SETTING_UID).findOne({ where: {}, orderBy: { id: 'asc' } });
    if (found) return found as ProviderSettingRow;
    return (await strapi.db.query(SETTING_UID).create({ data: { kind: 'sandbox', frontDeskNumber: SANDBOX_FRONT_DESK, breaker: initialBreaker } })) as ProviderSettingRow;
  }

  return {
    row,

    /** The provider in use now, rebuilt when the settings change. */
    async provider(): Promise<MessagingProvider> {
      const current = await row();
      const version = JSON.stringify([current.kind, current.accountSid, current.authTokenEncrypted, current.apiBaseUrl]);
      if (cached?.version === version) return cached.provider;
      const provider =
        current.kind === 'twilio' && current.accountSid && current.authTokenEncrypted
          ? new TwilioProvider({ accountSid: current.accountSid, authToken: decryptSecret(current.authTokenEncrypted, key()), apiBaseUrl: current.apiBaseUrl ?? undefined })
          : new SandboxProvider({
              received: async (m) => {
                await strapi.db.query(SANDBOX_PHONE_UID).create({ data: { direction: 'to_phone', phoneNumber: m.phoneNumber, businessNumber: m.businessNumber, body: m.body, providerMessageId: m.providerMessageId } });
              },
            });
      cached = { version, provider };
      return provider;
    },

    /**
     * Which connection runs now: `id` changes whenever credentials are saved (a new account, a new token, the sandbox
     * again), never otherwise, so a caller that recorded it (the setup wizard's step 1) can tell its work is stale.
     */
    async connection(): Promise<{ kind: 'sandbox' | 'twilio'; accountSid: string | null; id: string }> {
      const current = await row();
      const id = createHash('sha256').update(JSON.stringify([current.kind, current.accountSid, current.authTokenEncrypted, current.apiBaseUrl])).digest('hex').slice(0, 16);
      return { kind: current.kind, accountSid: current.accountSid ? maskSecret(current.accountSid) : null, id };
    },

    /** The auth token that signs webhooks, or null in the sandbox (whose webhooks are never trusted). */
    async webhookToken(): Promise<string | null> {
      const current = await row();
      return current.kind === 'twilio' && current.authTokenEncrypted ? decryptSecret(current.authTokenEncrypted, key()) : null;
    },

    /** The public base address the provider calls; signatures are checked against it. */
    async webhookBaseUrl(): Promise<string> {
      return ((await row()).webhookBaseUrl ?? env.PUBLIC_URL).replace(/\/$/, '');
    },

    async webhookUrls() {
      const base = await this.webhookBaseUrl();
      return { inboundUrl: `${base}/api${WEBHOOK_ROUTES.inbound}`, statusUrl: `${base}/api${WEBHOOK_ROUTES.status}` };
    },

    /** Connects a Twilio account after checking it works; audited; the token is stored encrypted. */
    async connectTwilio(
      input: { accountSid: string; authToken: string; apiBaseUrl?: string; webhookBaseUrl?: string; frontDeskNumber?: string },
      actor: { id: number; displayName: string },
    ) {
      // Connecting needs the credentials to open an active account; permissions and balance are reported with the
      // connection (the setup wizard's step 2 holds the way until they pass).
      const check = await new TwilioProvider(input).checkAccount();
      if (!check.access) return { connected: false, check };
      const current = await row();
      await strapi.db.transaction(async () => {
        await strapi.db.query(SETTING_UID).update({
          where: { id: current.id },
          data: {
            kind: 'twilio',
            accountSid: input.accountSid,
            authTokenEncrypted: encryptSecret(input.authToken, key()),
            apiBaseUrl: input.apiBaseUrl ?? null,
            webhookBaseUrl: input.webhookBaseUrl ?? current.webhookBaseUrl,
            frontDeskNumber: input.frontDeskNumber ?? current.frontDeskNumber,
            breaker: initialBreaker,
            // A newly connected account is set up again: sends to clients wait for the setup wizard's finish.
            setupCompletedAt: null,
            webhookVerifiedAt: null,
          },
        });
        await auditLog(strapi).record({
          actor: staffActor(actor),
          action: AUDIT_ACTIONS.connect,
          entity: { type: 'provider', id: current.id },
          details: { provider: 'twilio', accountSid: maskSecret(input.accountSid) },
        });
      });
      return { connected: true, check };
    },

    /** Goes back to the sandbox provider: the Twilio credentials are forgotten, not kept; audited. */
    async useSandbox(actor: { id: number; displayName: string }) {
      const current = await row();
      await strapi.db.transaction(async () => {
        await strapi.db.query(SETTING_UID).update({
          where: { id: current.id },
          data: { kind: 'sandbox', accountSid: null, authTokenEncrypted: null, apiBaseUrl: null, frontDeskNumber: SANDBOX_FRONT_DESK, breaker: initialBreaker, setupCompletedAt: null, webhookVerifiedAt: null },
        });
        await auditLog(strapi).record({
          actor: staffActor(actor),
          action: AUDIT_ACTIONS.useSandbox,
          entity: { type: 'provider', id: current.id },
          details: { from: current.kind },
        });
      });
    },

    /** What an owner may see: no token, the account id masked. */
    async publicView(): Promise<ProviderSettings> {
      const current = await row();
      return {
        provider: current.kind,
        accountSid: current.accountSid ? maskSecret(current.accountSid) : null,
        authToken: current.authTokenEncrypted ? maskSecret('••••••••') : null,
        frontDeskNumber: current.frontDeskNumber,
        breaker: current.breaker ?? initialBreaker,
      };
    },

    /**
     * The custom webhook base (OPS §3.9 step 6 "Use custom webhook URL", advanced; PUT /provider/settings/webhook), or
     * null for the default (PUBLIC_URL). The webhook's proof is void once it changes. Audited with before and after.
     */
    async setWebhookBaseUrl(url: string | null, actor: { id: number; displayName: string }): Promise<void> {
      const current = await row();
      const after = url === null ? null : url.replace(/\/$/, '');
      await strapi.db.transaction(async () => {
        await strapi.db.query(SETTING_UID).update({ where: { id: current.id }, data: { webhookBaseUrl: after, ...(after === current.webhookBaseUrl ? {} : { webhookVerifiedAt: null }) } });
        await auditLog(strapi).record({ actor: staffActor(actor), action: AUDIT_ACTIONS.webhookUrl, entity: { type: 'provider', id: current.id }, details: { before: current.webhookBaseUrl, after } });
      });
    },

    /** The webhook setting as PUT /provider/settings/webhook answers it: the custom base (null: the default runs) and its addresses. */
    async webhookSetting(): Promise<{ webhookBaseUrl: string | null; urls: { inboundUrl: string; statusUrl: string } }> {
      return { webhookBaseUrl: (await row()).webhookBaseUrl, urls: await this.webhookUrls() };
    },

    async saveBreaker(state: BreakerState): Promise<void> {
      const current = await row();
      await strapi.db.query(SETTING_UID).update({ where: { id: current.id }, data: { breaker: state } });
    },
  };
};

export type ProviderSettingsService = ReturnType<typeof settings>;
export default settings;
