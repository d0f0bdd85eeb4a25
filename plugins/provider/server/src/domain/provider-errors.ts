/**
 * Provider error codes mapped once to sentences an owner can act on (OPS §1.7 "Error Surfacing", §5.5 tone).
 * The codes are the messaging provider's own; the words never name it, its ids or its plumbing.
 * The raw provider message is for the log (with the ids), never for a person: it is not read here.
 */

export interface ProviderProblem {
  code: number | null;
  /** What happened, as a sentence ending in a full stop. */
  message: string;
  /** What to do about it. */
  nextStep: string;
  /** Trying the same request again later can succeed: the failure lies with the provider or its network, not with the request. */
  retryable: boolean;
  category: 'credentials' | 'account' | 'number' | 'recipient' | 'content' | 'carrier' | 'rate_limit' | 'outage' | 'unknown';
}

type KnownProblem = Omit<ProviderProblem, 'code'>;

const OUTAGE_NEXT_STEP = 'Messages wait in the queue and are retried automatically; if this lasts more than a few minutes, contact support.';

export const PROVIDER_ERROR_CODES: Readonly<Record<number, Readonly<KnownProblem>>> = Object.freeze({
  20003: {
    category: 'credentials',
    retryable: false,
    message: 'The messaging provider did not accept the saved account details, so nothing can be sent or bought right now.',
    nextStep: 'Open Provider Settings, enter your account details again and test the connection.',
  },
  20404: {
    category: 'number',
    retryable: false,
    message: 'The messaging provider could not find that number on your provider account. It may have been released or moved to another account.',
    nextStep: 'Refresh Number Inventory and check the number, then import or buy it again.',
  },
  20429: {
    category: 'rate_limit',
    retryable: true,
    message: 'The messaging provider is receiving too many requests from your account right now.',
    nextStep: 'Wait a minute and try again; queued messages are retried automatically.',
  },
  20500: {
    category: 'outage',
    retryable: true,
    message: 'The messaging provider is having a problem on its side.',
    nextStep: OUTAGE_NEXT_STEP,
  },
  20503: {
    category: 'outage',
    retryable: true,
    message: 'The messaging provider is temporarily unavailable.',
    nextStep: OUTAGE_NEXT_STEP,
  },
  21211: {
    category: 'recipient',
    retryable: false,
    message: "The message could not be sent because the recipient's phone number is not a valid number.",
    nextStep: 'Check the number for typos and update it in their profile, including the country code (for example +14155550100).',
  },
  21212: {
    category: 'number',
    retryable: false,
    message: 'The message could not be sent because the messaging provider does not accept this business number as a sender.',
    nextStep: 'Check that the number is still active in Number Inventory, or send from a different number.',
  },
  21408: {
    category: 'account',
    retryable: false,
    message: 'The message could not be sent because your provider account is not allowed to text numbers in that country.',
    nextStep: 'Contact support to enable texting to that country, or reach the recipient another way.',
  },
  21422: {
    category: 'number',
    retryable: false,
    message: 'That number was taken by someone else before it could be bought.',
    nextStep: 'Search again and choose another number.',
  },
  21452: {
    category: 'number',
    retryable: false,
    message: 'There are no numbers available in that area code right now.',
    nextStep: 'Try a nearby area code, or search again later.',
  },
  21602: {
    category: 'content',
    retryable: false,
    message: 'The message could not be sent because it is empty.',
    nextStep: 'Type a message, then send it again.',
  },
  21606: {
    category: 'number',
    retryable: false,
    message: 'The message could not be sent because this business number is not set up for text messages on your provider account.',
    nextStep: 'Send from a text-capable number in Number Inventory, or buy a new one.',
  },
  21608: {
    category: 'account',
    retryable: false,
    message: 'The message could not be sent because your provider account is a trial account, which can only text numbers verified on it.',
    nextStep: 'Upgrade your provider account, or text a number you have verified with your provider.',
  },
  21610: {
    category: 'recipient',
    retryable: false,
    message: 'The message could not be sent because this recipient replied STOP and has opted out of texts from this number.',
    nextStep: 'Reach them another way; they can text START to this number to receive messages again.',
  },
  21612: {
    category: 'carrier',
    retryable: false,
    message: "The message could not be sent because the recipient's mobile network cannot deliver texts between this business number and theirs.",
    nextStep: 'Send from a different business number, or reach the recipient another way.',
  },
  21614: {
    category: 'recipient',
    retryable: false,
    message: "The message could not be sent because the recipient's number is not a mobile phone and cannot receive texts.",
    nextStep: 'Ask them for a mobile number and update their profile.',
  },
  21617: {
    category: 'content',
    retryable: false,
    message: 'The message could not be sent because it is too long.',
    nextStep: 'Shorten it to under 1,600 characters and send it again.',
  },
  30001: {
    category: 'rate_limit',
    retryable: true,
    message: 'The messaging provider has too many messages waiting from your account right now.',
    nextStep: 'Queued messages are retried automatically; if this keeps happening, send in smaller batches.',
  },
  30002: {
    category: 'account',
    retryable: false,
    message: 'Messages cannot be sent because your provider account is suspended.',
    nextStep: 'Contact your provider to reactivate the account, then test the connection in Provider Settings.',
  },
  // Not retryable: the phone network already retried through its delivery window, and a switched-off phone says nothing about the provider's health (it must not trip the circuit breaker).
  30003: {
    category: 'recipient',
    retryable: false,
    message: "The message was not delivered because the recipient's phone is switched off or out of signal.",
    nextStep: 'Try again later, or reach them another way.',
  },
  30004: {
    category: 'recipient',
    retryable: false,
    message: "The message was not delivered because the recipient's phone or mobile network blocked it.",
    nextStep: 'Reach them another way and ask them to allow texts from this number.',
  },
  30005: {
    category: 'recipient',
    retryable: false,
    message: "The message was not delivered because the recipient's number does not exist or is no longer in service.",
    nextStep: 'Confirm the number with them and update their profile.',
  },
  30006: {
    category: 'recipient',
    retryable: false,
    message: "The message was not delivered because the recipient's number is a landline or their phone company cannot receive texts.",
    nextStep: 'Ask them for a mobile number and update their profile.',
  },
  // Not retryable: sending the same words again is filtered again.
  30007: {
    category: 'carrier',
    retryable: false,
    message: "The message was not delivered because the recipient's mobile network filtered it as possible spam.",
    nextStep: 'Reword it (avoid shortened links and all capitals) and send it again; if it keeps happening, contact support.',
  },
  // Retryable: an unexplained, usually passing fault on the phone network; the provider advises sending again.
  30008: {
    category: 'carrier',
    retryable: true,
    message: "The message was not delivered because of an unexplained error on the recipient's mobile network.",
    nextStep: 'Try sending it again in a few minutes; if it keeps failing, contact support.',
  },
});

const UNREACHABLE: KnownProblem = {
  category: 'outage',
  retryable: true,
  message: 'Switchboard could not reach the messaging provider.',
  nextStep: OUTAGE_NEXT_STEP,
};

/** What the transport says when no answer came back at all (Node socket errors, SDK timeouts). */
const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|EPIPE|socket hang up|timeout|timed out|network|fetch failed/i;

/** HTTP statuses that mean the same thing as a known code when the provider sent no code. */
function byStatus(status: number): KnownProblem | null {
  if (status === 401) return PROVIDER_ERROR_CODES[20003];
  if (status === 404) return PROVIDER_ERROR_CODES[20404];
  if (status === 429) return PROVIDER_ERROR_CODES[20429];
  if (status === 503) return PROVIDER_ERROR_CODES[20503];
  if (status >= 500) return PROVIDER_ERROR_CODES[20500];
  return null;
}

function unknownProblem(code: number | null, status: number | null): ProviderProblem {
  const reference = code === null ? '' : ` (error ${code})`;
  const mention = code === null ? '' : ` and mention error ${code}`;
  return {
    code,
    category: 'unknown',
    retryable: status !== null && status >= 500,
    message: `The messaging provider could not complete the request${reference}.`,
    nextStep: `Try again in a few minutes; if it keeps happening, contact support${mention}.`,
  };
}

/** Turns whatever the provider or the network reported into one problem an owner can act on. */
export function describeProviderError(input: { code?: number | null; status?: number | null; message?: string | null }): ProviderProblem {
  const code = typeof input.code === 'number' && Number.isFinite(input.code) ? input.code : null;
  const status = typeof input.status === 'number' && Number.isFinite(input.status) ? input.status : null;

  if (code !== null) {
    const known = PROVIDER_ERROR_CODES[code];
    return known ? { code, ...known } : unknownProblem(code, status);
  }
  if (status !== null) {
    const known = byStatus(status);
    return known ? { code: null, ...known } : unknownProblem(null, status);
  }
  if (input.message && NETWORK_FAILURE.test(input.message)) return { code: null, ...UNREACHABLE };
  return unknownProblem(null, null);
}

/** What a person reads when a provider call they asked for fails: what happened, then what to do. */
export function problemSentence(problem: { message: string; nextStep: string }): string {
  return [problem.message, problem.nextStep].filter(Boolean).join(' ');
}

/**
 * How a failed provider call answers the person who asked for it: 502 when a retry may help (the provider's side),
 * 400 when the request itself must change (a number, an account, the words).
 */
export function refusalStatus(problem: { retryable: boolean }): 400 | 502 {
  return problem.retryable ? 502 : 400;
}
