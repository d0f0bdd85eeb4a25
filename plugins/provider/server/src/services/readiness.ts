import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { systemClock } from '@switchboard/config';
import { ConflictError } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import { AUDIT_ACTIONS, SETTING_UID, WEBHOOK_ROUTES } from '../constants';
import { auditLog, getService } from '../get-service';

/** OPS §3.9 "Validation Failed" (API.md "Readiness gate"). */
export const SETUP_INCOMPLETE = 'Setup incomplete. Complete required steps to continue.';
/** OPS §3.9 "Webhook Installation Failed". */
export const WEBHOOK_FAILED = 'Unable to install webhook. Check webhook URL or retry.';
/** The form field a verification round trip carries (never a field Twilio sends). */
export const VERIFICATION_FIELD = 'SwitchboardVerification';

/**
 * The readiness gate (API.md "Readiness gate", OPS §3.9 "System blocks production usage until setup is complete"):
 * until the setup wizard finished with a real provider, sends to clients are refused with 409; inbound SMS still
 * arrive. The sandbox counts as set up. State lives in the provider's one settings row, so every node agrees.
 * Also the webhook's proof: a signed round trip through the public URL, answered by whichever node receives it.
 */
const readiness = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  const api = {
    async state(): Promise<{ mode: 'sandbox' | 'twilio'; ready: boolean; completedAt: string | null; webhookVerifiedAt: string | null }> {
      const row = await settings().row();
      return {
        mode: row.kind,
        ready: row.kind === 'sandbox' || Boolean(row.setupCompletedAt),
        completedAt: row.setupCompletedAt ? new Date(row.setupCompletedAt).toISOString() : null,
        webhookVerifiedAt: row.webhookVerifiedAt ? new Date(row.webhookVerifiedAt).toISOString() : null,
      };
    },

    /** Refuses a send to a client (STAFF_TO_CLIENT, SITTER_TO_CLIENT, AUTOMATION_TO_CLIENT) before anything is written. */
    async assertReadyForClientSends(): Promise<void> {
      if (!(await api.state()).ready) throw new ConflictError(SETUP_INCOMPLETE);
    },

    /** The wizard's finish: sends to clients open; audited. */
    async complete(actor: { id: number; displayName: string }): Promise<void> {
      const row = await settings().row();
      await strapi.db.transaction(async () => {
        await strapi.db.query(SETTING_UID).update({ where: { id: row.id }, data: { setupCompletedAt: systemClock.now() } });
        await auditLog(strapi).record({ actor: staffActor(actor), action: AUDIT_ACTIONS.setupComplete, entity: { type: 'provider', id: row.id }, details: { provider: row.kind } });
      });
    },

    /**
     * Proves the webhook (OPS §3.9 step 6 "Verifies webhook signature"): a nonce is stored, then a request signed with
     * the account's token exactly as the provider signs is POSTed to the public status URL; the node that receives it
     * checks the signature and the nonce and marks the webhook verified. Answers whether it came back verified.
     */
    async verifyWebhookRoundTrip(): Promise<{ verified: boolean; url: string; problem?: string }> {
      const row = await settings().row();
      const token = await settings().webhookToken();
      const url = `${await settings().webhookBaseUrl()}/api${WEBHOOK_ROUTES.status}`;
      if (!token) return { verified: false, url, problem: WEBHOOK_FAILED };
      const nonce = randomBytes(16).toString('hex');
      await strapi.db.query(SETTING_UID).update({ where: { id: row.id }, data: { webhookVerificationNonce: nonce, webhookVerifiedAt: null } });
      const params = { [VERIFICATION_FIELD]: nonce, AccountSid: row.accountSid ?? '' };
      const signature = twilio.getExpectedTwilioSignature(token, url, params);
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, body: new URLSearchParams(params).toString(), signal: AbortSignal.timeout(10_000) });
        if (!res.ok) return { verified: false, url, problem: `${WEBHOOK_FAILED} (the webhook answered ${res.status})` };
      } catch (error) {
        return { verified: false, url, problem: `${WEBHOOK_FAILED} (${error instanceof Error ? error.message : error})` };
      }
      const after = await settings().row();
      return after.webhookVerifiedAt ? { verified: true, url } : { verified: false, url, problem: WEBHOOK_FAILED };
    },

    /** The status webhook received a verification (already signature-checked): it counts when its nonce is the one stored. */
    async acceptVerification(nonce: string): Promise<boolean> {
      const row = await settings().row();
      if (!row.webhookVerificationNonce || row.webhookVerificationNonce !== nonce) return false;
      await strapi.db.query(SETTING_UID).update({ where: { id: row.id }, data: { webhookVerifiedAt: systemClock.now(), webhookVerificationNonce: null } });
      return true;
    },
  };
  return api;
};

export type ReadinessService = ReturnType<typeof readiness>;
export default readiness;
