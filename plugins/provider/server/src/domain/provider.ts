/**
 * The messaging provider in business terms (OPS §1.7): everything Switchboard asks of an SMS provider.
 * TwilioProvider and SandboxProvider implement it; nothing outside this plugin knows which one runs.
 */
export interface AccountCheck {
  ok: boolean;
  /** Sentences an owner can act on, one per failed check. */
  problems: string[];
  /** The credentials open the account and it is active (what connecting needs). */
  access: boolean;
  /** A real API call with these credentials (listing the account's numbers) was answered; null when not asked for. */
  permissions: boolean | null;
  /** The balance is above zero; null when the provider tells none. */
  funded: boolean | null;
  accountName: string | null;
  balance: { amount: string; currency: string } | null;
}

export interface AvailableNumber {
  e164: string;
  locality: string | null;
  region: string | null;
  monthlyCost: { amount: string; currency: string };
}

export interface ProviderNumber {
  /** The provider's own reference; never shown to operators. */
  providerRef: string;
  e164: string;
  capabilities: { sms: boolean; mms: boolean; voice: boolean };
}

export interface OutboundSend {
  from: string;
  to: string;
  body: string;
  statusCallbackUrl: string;
}

export interface SentMessage {
  providerMessageId: string;
  status: DeliveryStatus;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface WebhookUrls {
  inboundUrl: string;
  statusUrl: string;
}

export interface MessagingProvider {
  readonly kind: 'sandbox' | 'twilio';
  /** The account's checks; `permissions: true` also makes a real API call to prove the credentials may use the API. */
  checkAccount(options?: { permissions?: boolean }): Promise<AccountCheck>;
  searchAvailableNumbers(query: { areaCode: string; limit?: number }): Promise<AvailableNumber[]>;
  buyNumber(e164: string, webhooks: WebhookUrls): Promise<ProviderNumber>;
  /** Finds a number the account already owns, by E.164 or provider reference. */
  importNumber(ref: { e164?: string; providerRef?: string }): Promise<ProviderNumber>;
  installWebhooks(number: ProviderNumber, webhooks: WebhookUrls): Promise<void>;
  /** The webhook addresses the provider has on a number now (the drift check), or null where there are none (sandbox). */
  webhooksOf(providerRef: string): Promise<WebhookUrls | null>;
  sendMessage(message: OutboundSend): Promise<SentMessage>;
  releaseNumber(number: ProviderNumber): Promise<void>;
}

/** Delivery states in the order they can only move forward (a late "sent" never overwrites "delivered"). */
const RANK: Record<DeliveryStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };
export const isFinalStatus = (s: DeliveryStatus) => RANK[s] === 3;
export const advancesStatus = (current: DeliveryStatus, next: DeliveryStatus) => RANK[next] > RANK[current];

/** Maps the provider's status words to ours; unknown words are treated as still in flight. */
export function deliveryStatusFrom(providerStatus: string): DeliveryStatus {
  switch (providerStatus) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
      return 'queued';
    case 'sending':
      return 'sending';
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return 'sending';
  }
}
