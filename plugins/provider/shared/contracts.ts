/**
 * The provider plugin's admin answers (/provider/…), as the server shapes them and the admin pages read them: the one
 * place these shapes are written (types only; nothing here runs). Times are ISO 8601 UTC strings.
 */

export type ProviderKind = 'sandbox' | 'twilio';

/** GET /provider/settings: what an owner may see — no token, the account id masked. */
export interface ProviderSettings {
  provider: ProviderKind;
  accountSid: string | null;
  authToken: string | null;
  frontDeskNumber: string | null;
  /** The delivery circuit breaker; `openedAt` in epoch milliseconds. */
  breaker: { status: 'closed' | 'open' | 'half_open'; consecutiveFailures: number; openedAt: number | null };
}

/** GET /provider/sandbox/phone?phoneNumber=…: one text between the virtual phone and a business number. */
export interface SandboxPhoneMessage {
  id: string;
  /** to_phone: the business texted the client; from_phone: the client replied. */
  direction: 'to_phone' | 'from_phone';
  businessNumber: string;
  body: string;
  at: string;
}
