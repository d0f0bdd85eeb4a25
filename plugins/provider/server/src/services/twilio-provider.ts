import type { AccountCheck, AvailableNumber, MessagingProvider, OutboundSend, ProviderNumber, SentMessage, WebhookUrls } from '../domain/provider';
import { deliveryStatusFrom } from '../domain/provider';
import { createTwilioClient } from './twilio-http-client';
import { asProviderRefusal, problemOf, providerRefusal } from './provider-refusal';
import { problemSentence } from '../domain/provider-errors';

const ACCOUNT_INACTIVE = 'Your provider account is not active. Reactivate it with your provider, then test the connection again.';
/** OPS §3.9 step 2 "API permissions". */
export const NO_PERMISSION = 'These credentials may not manage the account’s phone numbers. Use the account’s own Auth Token, or give the key that permission, then test the connection again.';
/** OPS §3.9 step 2 "Account balance" at zero: nothing can be bought or sent. */
export const NO_BALANCE = 'Your provider account has no balance left. Add funds, then test the connection again.';

/** US local numbers' monthly price; the provider's pricing service is outside what we call. */
const MONTHLY_COST = { amount: '1.15', currency: 'USD' };

/** The MessagingProvider on the official twilio SDK. The only file that speaks Twilio's REST API. */
export class TwilioProvider implements MessagingProvider {
  readonly kind = 'twilio' as const;
  private readonly client: ReturnType<typeof createTwilioClient>;

  constructor(private readonly options: { accountSid: string; authToken: string; apiBaseUrl?: string }) {
    this.client = createTwilioClient(options);
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asProviderRefusal(error);
    }
  }

  /**
   * OPS §3.9 step 2, each check on its own: the account (the credentials open it, and it is active), the API
   * permissions when asked for (a real call: listing the account's phone numbers, what the wizard and the inventory do
   * next; a status page that reads the account often does not ask), the balance (above zero).
   */
  async checkAccount(options: { permissions?: boolean } = {}): Promise<AccountCheck> {
    const account = this.client.api.v2010.accounts(this.options.accountSid);
    let fetched: { status: string; friendlyName?: string | null };
    try {
      fetched = await account.fetch();
    } catch (error) {
      return { ok: false, problems: [problemSentence(problemOf(error))], access: false, permissions: null, funded: null, accountName: null, balance: null };
    }
    const problems: string[] = [];
    const access = fetched.status === 'active';
    if (!access) problems.push(ACCOUNT_INACTIVE);
    let permissions: boolean | null = null;
    if (options.permissions) {
      try {
        await account.incomingPhoneNumbers.list({ limit: 1 });
        permissions = true;
      } catch (error) {
        permissions = false;
        problems.push(`${NO_PERMISSION} (${problemOf(error).message})`);
      }
    }
    let balance: AccountCheck['balance'] = null;
    let funded: boolean | null = null;
    try {
      const found = await account.balance.fetch();
      balance = { amount: found.balance, currency: found.currency };
      funded = Number(found.balance) > 0;
      if (!funded) problems.push(NO_BALANCE);
    } catch (error) {
      problems.push(problemSentence(problemOf(error)));
    }
    return { ok: problems.length === 0, problems, access, permissions, funded, accountName: fetched.friendlyName ?? null, balance };
  }

  async searchAvailableNumbers(query: { areaCode: string; limit?: number }): Promise<AvailableNumber[]> {
    const found = await this.call(() =>
      this.client.api.v2010.accounts(this.options.accountSid).availablePhoneNumbers('US').local.list({ areaCode: Number(query.areaCode), smsEnabled: true, limit: query.limit ?? 20 }),
    );
    return found.map((n) => ({ e164: n.phoneNumber, locality: n.locality ?? null, region: n.region ?? null, monthlyCost: MONTHLY_COST }));
  }

  async buyNumber(e164: string, webhooks: WebhookUrls): Promise<ProviderNumber> {
    const bought = await this.call(() =>
      this.client.api.v2010.accounts(this.options.accountSid).incomingPhoneNumbers.create({
        phoneNumber: e164,
        smsUrl: webhooks.inboundUrl,
        smsMethod: 'POST',
        statusCallback: webhooks.statusUrl,
        statusCallbackMethod: 'POST',
      }),
    );
    return toProviderNumber(bought);
  }

  async importNumber(ref: { e164?: string; providerRef?: string }): Promise<ProviderNumber> {
    const numbers = this.client.api.v2010.accounts(this.options.accountSid).incomingPhoneNumbers;
    if (ref.providerRef) return toProviderNumber(await this.call(() => numbers(ref.providerRef!).fetch()));
    const owned = await this.call(() => numbers.list({ phoneNumber: ref.e164, limit: 1 }));
    if (owned.length === 0) {
      throw providerRefusal({
        code: 20404,
        category: 'number',
        retryable: false,
        message: `${ref.e164} is not a number on your provider account.`,
        nextStep: 'Check the number, or buy a new one from Number Inventory.',
      });
    }
    return toProviderNumber(owned[0]);
  }

  async installWebhooks(number: ProviderNumber, webhooks: WebhookUrls): Promise<void> {
    await this.call(() =>
      this.client.api.v2010
        .accounts(this.options.accountSid)
        .incomingPhoneNumbers(number.providerRef)
        .update({ smsUrl: webhooks.inboundUrl, smsMethod: 'POST', statusCallback: webhooks.statusUrl, statusCallbackMethod: 'POST' }),
    );
  }

  async webhooksOf(providerRef: string): Promise<WebhookUrls | null> {
    const number = await this.call(() => this.client.api.v2010.accounts(this.options.accountSid).incomingPhoneNumbers(providerRef).fetch());
    return { inboundUrl: number.smsUrl ?? '', statusUrl: number.statusCallback ?? '' };
  }

  async sendMessage(message: OutboundSend): Promise<SentMessage> {
    const sent = await this.call(() =>
      this.client.api.v2010.accounts(this.options.accountSid).messages.create({ from: message.from, to: message.to, body: message.body, statusCallback: message.statusCallbackUrl }),
    );
    return { providerMessageId: sent.sid, status: deliveryStatusFrom(sent.status) };
  }

  async releaseNumber(number: ProviderNumber): Promise<void> {
    await this.call(() => this.client.api.v2010.accounts(this.options.accountSid).incomingPhoneNumbers(number.providerRef).remove());
  }
}

function toProviderNumber(n: { sid: string; phoneNumber: string; capabilities?: { sms?: boolean; mms?: boolean; voice?: boolean } }): ProviderNumber {
  return {
    providerRef: n.sid,
    e164: n.phoneNumber,
    capabilities: { sms: Boolean(n.capabilities?.sms ?? true), mms: Boolean(n.capabilities?.mms), voice: Boolean(n.capabilities?.voice) },
  };
}
