import { randomUUID } from 'node:crypto';
import type { AccountCheck, AvailableNumber, MessagingProvider, OutboundSend, ProviderNumber, SentMessage } from '../domain/provider';
import { isE164 } from '../domain/phone';
import { providerRefusal } from './provider-refusal';
import { describeProviderError } from '../domain/provider-errors';

export interface SandboxPhone {
  /** Records what the simulated phone received. */
  received(message: { phoneNumber: string; businessNumber: string; body: string; providerMessageId: string }): Promise<void>;
}

const SANDBOX_COST = { amount: '0.00', currency: 'USD' };

/** API.md "Demo organisation": every send to this handset fails with 30003 (unreachable), so anyone can reproduce a failure. */
export const SANDBOX_UNREACHABLE_NUMBER = '+14155550197';

/**
 * The embedded default: invented but valid-looking numbers (the 555-01xx range is reserved for fiction),
 * and sends that land at once on a simulated phone a person can read and answer from the admin panel.
 */
export class SandboxProvider implements MessagingProvider {
  readonly kind = 'sandbox' as const;

  constructor(private readonly phone: SandboxPhone) {}

  async checkAccount(options: { permissions?: boolean } = {}): Promise<AccountCheck> {
    return { ok: true, problems: [], access: true, permissions: options.permissions ? true : null, funded: true, accountName: 'Sandbox (no real messages are sent)', balance: { amount: '100.00', currency: 'USD' } };
  }

  async searchAvailableNumbers(query: { areaCode: string; limit?: number }): Promise<AvailableNumber[]> {
    if (!/^[2-9]\d{2}$/.test(query.areaCode)) return [];
    const count = Math.min(query.limit ?? 20, 100);
    return Array.from({ length: count }, (_, i) => ({
      e164: `+1${query.areaCode}55501${String(i).padStart(2, '0')}`,
      locality: 'Sandbox',
      region: null,
      monthlyCost: SANDBOX_COST,
    })).filter((n) => isE164(n.e164));
  }

  async buyNumber(e164: string): Promise<ProviderNumber> {
    return this.numberFor(e164);
  }

  async importNumber(ref: { e164?: string; providerRef?: string }): Promise<ProviderNumber> {
    const e164 = ref.e164 ?? (ref.providerRef?.startsWith('SB') ? `+${ref.providerRef.slice(2)}` : undefined);
    return this.numberFor(e164 ?? '');
  }

  async installWebhooks(): Promise<void> {}

  /** The sandbox calls no webhooks, so nothing can drift. */
  async webhooksOf(): Promise<null> {
    return null;
  }

  async sendMessage(message: OutboundSend): Promise<SentMessage> {
    if (message.to === SANDBOX_UNREACHABLE_NUMBER) throw providerRefusal(describeProviderError({ code: 30003 }));
    const providerMessageId = `SB${randomUUID().replace(/-/g, '')}`;
    await this.phone.received({ phoneNumber: message.to, businessNumber: message.from, body: message.body, providerMessageId });
    return { providerMessageId, status: 'delivered' };
  }

  async releaseNumber(): Promise<void> {}

  private numberFor(e164: string): ProviderNumber {
    if (!isE164(e164)) {
      throw providerRefusal({ code: 21211, category: 'number', retryable: false, message: `${e164 || 'That'} is not a phone number in international format.`, nextStep: 'Enter it like +14155550100.' });
    }
    return { providerRef: `SB${e164.slice(1)}`, e164, capabilities: { sms: true, mms: false, voice: false } };
  }
}
