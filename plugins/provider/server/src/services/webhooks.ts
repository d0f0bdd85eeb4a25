import type { Core } from '@strapi/strapi';
import twilio from 'twilio';
import { systemClock } from '@switchboard/config';
import { ForbiddenError, inSpan, type TraceSpan } from '@switchboard/kit';
import { deliveryStatusFrom } from '../domain/provider';
import { toE164 } from '../domain/phone';
import { TABLES } from '../constants';
import { getService } from '../get-service';
import { VERIFICATION_FIELD } from './readiness';
import type { WebhookEndpoint } from './usage';

export interface InboundSms {
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
}
type InboundHandler = (sms: InboundSms) => Promise<void>;

/** A webhook the provider did not sign for this address changes nothing and is answered 403. */
const NOT_SIGNED = 'This request is not signed by the messaging provider, so it was ignored.';

/**
 * The provider's webhooks (API.md "Twilio webhooks"): verified against the public URL with the account's
 * token; a forged, missing or misdirected signature changes nothing. A repeated inbound message id is a no-op.
 */
const webhooks = ({ strapi }: { strapi: Core.Strapi }) => {
  let inboundHandler: InboundHandler | null = null;
  const settings = () => getService(strapi, 'settings');
  const outbound = () => getService(strapi, 'outbound');

  async function ensureSigned(endpoint: WebhookEndpoint, pathAndQuery: string, signature: unknown, params: Record<string, string>): Promise<void> {
    const token = await settings().webhookToken();
    const signed = Boolean(token) && typeof signature === 'string' && signature.length > 0 && twilio.validateRequest(token!, signature as string, `${await settings().webhookBaseUrl()}${pathAndQuery}`, params);
    if (signed) {
      // Integration status: the last signed webhook per endpoint, in the database so every node reports the same.
      await getService(strapi, 'usage').countWebhookReceived(endpoint).catch((error) => strapi.log.error(`[provider] a received webhook was not recorded: ${error}`));
      return;
    }
    // Counted (alerts' provider_error when they spike), never stored as a request: a flood costs one row a minute.
    await getService(strapi, 'usage').countWebhookRefusal().catch((error) => strapi.log.error(`[provider] a refused webhook was not counted: ${error}`));
    throw new ForbiddenError(NOT_SIGNED);
  }

  /** An inbound SMS, once per provider message id, handed to the registered handler. */
  async function receiveOnce(sms: InboundSms, span: TraceSpan): Promise<{ duplicate: boolean }> {
    const now = systemClock.now();
    const inserted = await strapi.db.connection(TABLES.inboundReceipt)
      .insert({ provider_message_id: sms.providerMessageId, from_number: sms.from, to_number: sms.to, created_at: now, updated_at: now })
      .onConflict('provider_message_id')
      .ignore()
      .returning('id');
    span.setAttribute('messaging.duplicate', inserted.length === 0);
    if (inserted.length === 0) return { duplicate: true };
    if (inboundHandler) await inboundHandler(sms);
    else strapi.log.warn(`[provider] inbound SMS ${sms.providerMessageId} has no handler`);
    return { duplicate: false };
  }

  return {
    /** The routing issue will own inbound routing; until then messaging registers the owner-inbox handler. */
    onInbound(handler: InboundHandler) {
      inboundHandler = handler;
    },

    /**
     * Enters an inbound SMS through the one inbound path, once per provider message id. PRD §10 traces: an inbound
     * SMS (a signed webhook, or the sandbox phone) is a trace of its own — received, its commit with the routing
     * decision, its delivery.
     */
    receive(sms: InboundSms): Promise<{ duplicate: boolean }> {
      return inSpan('sms.inbound', { 'messaging.provider_message_id': sms.providerMessageId }, (span) => receiveOnce(sms, span));
    },

    /** The inbound-SMS webhook: throws ForbiddenError unless signed; a message it cannot read is acknowledged and dropped. */
    async inbound(pathAndQuery: string, signature: unknown, params: Record<string, string>): Promise<{ duplicate: boolean }> {
      await ensureSigned('inbound', pathAndQuery, signature, params);
      const from = toE164(params.From ?? '');
      const to = toE164(params.To ?? '');
      if (!params.MessageSid || !from || !to) return { duplicate: false };
      return this.receive({ providerMessageId: params.MessageSid, from, to, body: params.Body ?? '' });
    },

    /** The delivery-status webhook: throws ForbiddenError unless signed; moves an outbound SMS's state forward. */
    async status(pathAndQuery: string, signature: unknown, params: Record<string, string>): Promise<{ duplicate: boolean }> {
      await ensureSigned('status', pathAndQuery, signature, params);
      // The setup wizard's signed round trip (readiness.verifyWebhookRoundTrip), not a delivery.
      if (params[VERIFICATION_FIELD]) return { duplicate: !(await getService(strapi, 'readiness').acceptVerification(params[VERIFICATION_FIELD])) };
      const sid = params.MessageSid ?? params.SmsSid;
      const word = params.MessageStatus ?? params.SmsStatus;
      if (!sid || !word) return { duplicate: false };
      const changed = await outbound().applyStatus({ providerMessageId: sid, status: deliveryStatusFrom(word), errorCode: params.ErrorCode ? Number(params.ErrorCode) : null });
      return { duplicate: !changed };
    },
  };
};

export type WebhooksService = ReturnType<typeof webhooks>;
export default webhooks;
