/**
 * A protocol-faithful fake of the Twilio REST API (2010-04-01) for tests: the real `twilio` SDK talks to it
 * through createTwilioClient({ apiBaseUrl }) and cannot tell the difference for the resources we use.
 * JSON shapes follow the SDK's parsers (lib/rest/api/v2010/account/*.js); error bodies follow RestException.
 */
import { createServer, request as httpRequest, STATUS_CODES, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

const API_VERSION = '2010-04-01';
const DEFAULT_ACCOUNT_SID = 'AC0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f';
const DEFAULT_AUTH_TOKEN = 'fa4e0000000000000000000000000000';
const DEFAULT_PAGE_SIZE = 50;
/** Twilio gives a webhook 15 seconds before it gives up. */
const WEBHOOK_TIMEOUT_MS = 15_000;
/** Twilio refuses message bodies over 1600 characters (error 21617). */
const MAX_BODY_LENGTH = 1600;
const E164 = /^\+[1-9]\d{6,14}$/;

export type Params = Record<string, string>;
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** The account balance as Twilio spells it, a decimal string. */
  balance?: string;
  friendlyName?: string;
  /** The pause before each status step of an outbound message (queued, sent, delivered…). */
  statusDelayMs?: number;
  /** How many numbers each area code offers, 555-0100 up (10 unless told; at most 100). */
  numbersPerArea?: number;
}

export interface FakeNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  locality: string | null;
  region: string | null;
  smsUrl: string;
  smsMethod: string;
  smsFallbackUrl: string;
  smsFallbackMethod: string;
  /** On a real number this is the voice call status callback; SMS status goes to each message's StatusCallback. */
  statusCallback: string;
  statusCallbackMethod: string;
  voiceUrl: string | null;
  voiceMethod: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  statusCallback: string | null;
  status: MessageStatus;
  statusHistory: MessageStatus[];
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. /2010-04-01/Accounts/AC…/Messages.json. */
  path: string;
  /** Query and form parameters together. */
  params: Params;
  /** What the fake answered. */
  status: number;
}

export interface RecordedWebhook {
  messageSid: string;
  url: string;
  params: Params;
  signature: string | null;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  body: string | null;
  error: string | null;
}

export interface RecordedCallback extends RecordedWebhook {
  messageStatus: MessageStatus;
  /** Posted by replayCallbacks (a test's duplicate or out-of-order callback), not by the carrier's own progress. */
  replayed?: boolean;
}

export interface FakeTwilioState {
  account: { friendlyName: string; status: 'active' | 'suspended' | 'closed'; balance: string; currency: string; dateCreated: Date };
  /** Numbers the account owns. */
  numbers: FakeNumber[];
  /** Every message the API accepted. */
  messages: FakeMessage[];
  /** Every API request, in arrival order, with the status it got. */
  requests: RecordedRequest[];
  /** Every status callback attempt and the receiver's answer. */
  callbacks: RecordedCallback[];
  /** Every inbound SMS webhook posted by sendInbound. */
  inbound: RecordedWebhook[];
}

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  /** Defaults to the SmsUrl installed on the owned number `to`. */
  url?: string;
  /** Overrides X-Twilio-Signature; null leaves the header out. */
  signature?: string | null;
  /** Reuse a MessageSid to simulate Twilio retrying the same message. */
  messageSid?: string;
}

export interface FakeTwilioControls {
  /** Every answer waits this many milliseconds until reset() (0: at once), as over a slow network. */
  slowDown(ms: number): void;
  /** Every number purchase fails with this Twilio error code until reset() (or failBuyWith(null)). */
  failBuyWith(code: number | null, status?: number): void;
  /** The next `successes` purchases go through, then every one fails with this code until reset() (a batch cut short). */
  failBuysAfter(successes: number, code: number, status?: number): void;
  /**
   * This number keeps `smsUrl` whatever an update sets (as when something else on the account overrides it) until
   * reset(): a webhook installation that does not take.
   */
  keepSmsUrl(e164: string, smsUrl: string): void;
  /** Seeds a number the account already owns, as if bought elsewhere (the "import" path). */
  ownNumber(e164: string, webhooks?: { smsUrl?: string; statusCallback?: string }): FakeNumber;
  /** Messages to this number end undelivered (or failed) with the carrier error code, e.g. 30003, 30007. */
  failDeliveryTo(e164: string, errorCode?: number, finalStatus?: 'undelivered' | 'failed'): void;
  /** The next `count` API requests, whatever the endpoint, answer `status` with a 20xxx error. */
  outage(count: number, status?: number): void;
  /**
   * Every request for this resource (a path segment such as 'IncomingPhoneNumbers') answers 403 with code 20403 until
   * reset() or forbid(null): credentials that open the account but may not use that part of the API.
   */
  forbid(resource: string | null): void;
  /** The next `count` API requests answer 429 with code 20429. */
  rateLimit(count: number): void;
  /**
   * A sustained outage: every API request, whatever the endpoint, answers `status` with a 20xxx error (503 unless
   * told), or with 'reset' has its connection dropped without an answer, until up() or reset(). Each one is still
   * recorded in state.requests (status 0 for a dropped connection).
   */
  down(status?: number | 'reset'): void;
  /** Ends down(): requests are answered again. */
  up(): void;
  /**
   * Posts this message's status callbacks again, signed as Twilio signs them, with the given statuses in the given
   * order (duplicates and out-of-order steps are the point): one after the other, or all at once with `atOnce`.
   * Resolves with each attempt and the receiver's answer; they are also in state.callbacks, marked `replayed`.
   */
  replayCallbacks(messageSid: string, statuses: MessageStatus[], options?: { atOnce?: boolean }): Promise<RecordedCallback[]>;
  setAccountStatus(status: FakeTwilioState['account']['status']): void;
  setBalance(balance: string): void;
  /** Posts a signed inbound SMS webhook the way Twilio does and returns the receiver's answer. */
  sendInbound(sms: InboundSms): Promise<{ status: number; body: string; messageSid: string }>;
  /** Resolves once every status callback scheduled so far has been attempted. */
  idle(): Promise<void>;
  /** Clears every injected failure (buy, delivery, outage, down, rate limit, kept SMS URLs, forbidden resources); owned numbers and messages stay. */
  reset(): void;
}

export interface FakeTwilio {
  /** Base URL to pass as apiBaseUrl, e.g. http://127.0.0.1:54321. */
  url: string;
  accountSid: string;
  authToken: string;
  state: FakeTwilioState;
  controls: FakeTwilioControls;
  /** Emits 'request' (RecordedRequest), 'message' (FakeMessage), 'callback' (RecordedCallback), 'inbound' (RecordedWebhook). */
  events: EventEmitter;
  close(): Promise<void>;
}

interface AreaInfo {
  locality: string;
  region: string;
  postalCode: string;
  rateCenter: string;
  lata: string;
  latitude: string;
  longitude: string;
}

/**
 * The fake carrier's inventory: each area code offers +1 NPA 555-0100…0109 (the range reserved for fiction; `numbersPerArea` widens it).
 * Any other area code has nothing available, like Twilio's test area code 533. Twilio's number search carries
 * no price (pricing is a separate API), so the provider shows a monthly cost from its own fixed table.
 */
const INVENTORY: Record<string, AreaInfo> = {
  '206': { locality: 'Seattle', region: 'WA', postalCode: '98101', rateCenter: 'SEATTLE', lata: '674', latitude: '47.606200', longitude: '-122.332100' },
  '212': { locality: 'New York', region: 'NY', postalCode: '10001', rateCenter: 'NWYRCYZN01', lata: '132', latitude: '40.712800', longitude: '-74.006000' },
  '312': { locality: 'Chicago', region: 'IL', postalCode: '60601', rateCenter: 'CHICAGO', lata: '358', latitude: '41.878100', longitude: '-87.629800' },
  '415': { locality: 'San Francisco', region: 'CA', postalCode: '94103', rateCenter: 'SNFC CNTRL', lata: '722', latitude: '37.774900', longitude: '-122.419400' },
  '512': { locality: 'Austin', region: 'TX', postalCode: '78701', rateCenter: 'AUSTIN', lata: '558', latitude: '30.267200', longitude: '-97.743100' },
};
const NUMBERS_PER_AREA = 10;

/** Twilio's sentences for the carrier errors tests inject; others get a generic one. */
const DELIVERY_ERRORS: Record<number, string> = {
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** SMS segments as carriers count them: GSM-7 160/153 septets, otherwise UCS-2 70/67 code units. */
function segmentCount(body: string): number {
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
/** Twilio's v2010 dates: RFC 2822 in UTC, e.g. "Tue, 14 Jan 2025 10:00:00 +0000". */
const rfc2822 = (d: Date | null) => (d ? d.toUTCString().replace('GMT', '+0000') : null);
const friendlyNumber = (e164: string) => (/^\+1\d{10}$/.test(e164) ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164);

function inventoryArea(e164: string, perArea = NUMBERS_PER_AREA): { areaCode: string; info: AreaInfo } | null {
  const m = /^\+1(\d{3})55501(\d{2})$/.exec(e164);
  if (!m || !INVENTORY[m[1]] || Number(m[2]) >= perArea) return null;
  return { areaCode: m[1], info: INVENTORY[m[1]] };
}

class TwilioError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
  toJSON() {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

const notFound = (path: string) => new TwilioError(404, 20404, `The requested resource ${path} was not found`);

interface Answer {
  status: number;
  body?: object;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function pageOf<T>(key: string, items: T[], toJson: (item: T) => object, path: string, query: URLSearchParams): object {
  const pageSize = Math.max(1, Math.min(1000, Number(query.get('PageSize')) || DEFAULT_PAGE_SIZE));
  const page = Math.max(0, Number(query.get('Page')) || 0);
  const start = page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const uriFor = (p: number) => {
    const q = new URLSearchParams(query);
    q.delete('PageToken');
    q.set('PageSize', String(pageSize));
    q.set('Page', String(p));
    return `${path}?${q}`;
  };
  return {
    [key]: slice.map(toJson),
    end: Math.max(start + slice.length - 1, 0),
    first_page_uri: uriFor(0),
    next_page_uri: start + pageSize < items.length ? uriFor(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uriFor(page - 1) : null,
    start,
    uri: uriFor(page),
  };
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT_SID;
  const authToken = options.authToken ?? DEFAULT_AUTH_TOKEN;
  const statusDelayMs = options.statusDelayMs ?? 20;
  const perArea = Math.min(100, options.numbersPerArea ?? NUMBERS_PER_AREA);
  const areaOf = (e164: string) => inventoryArea(e164, perArea);
  const accountPath = `/${API_VERSION}/Accounts/${accountSid}`;
  const events = new EventEmitter();

  const state: FakeTwilioState = {
    account: { friendlyName: options.friendlyName ?? 'Fake Twilio Account', status: 'active', balance: options.balance ?? '25.00', currency: 'USD', dateCreated: new Date() },
    numbers: [],
    messages: [],
    requests: [],
    callbacks: [],
    inbound: [],
  };

  let injected: TwilioError[] = [];
  /** While down(): what every request gets instead of an answer. */
  let downWith: number | 'reset' | null = null;
  let buyFailure: TwilioError | null = null;
  /** The resource these credentials may not use (forbid). */
  let forbidden: string | null = null;
  let latencyMs = 0;
  /** Numbers whose SmsUrl updates do not take (keepSmsUrl), with the address they keep. */
  const keptSmsUrls = new Map<string, string>();
  /** Purchases left before buyFailure applies (failBuysAfter); 0 when it applies at once. */
  let buysBeforeFailure = 0;
  const deliveryFailures = new Map<string, { code: number; finalStatus: 'undelivered' | 'failed' }>();

  let closed = false;
  const timers = new Map<NodeJS.Timeout, () => void>();
  const outgoing = new Set<ClientRequest>();
  const pending = new Set<Promise<void>>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  function postForm(url: string, params: Params, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const form = new URLSearchParams(params).toString();
      const requestOptions = {
        method: 'POST',
        agent: false as const,
        timeout: WEBHOOK_TIMEOUT_MS,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(form)), 'User-Agent': 'TwilioProxy/1.1', 'I-Twilio-Idempotency-Token': randomUUID(), ...headers },
      };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          outgoing.delete(req);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      };
      const req = target.protocol === 'https:' ? httpsRequest(target, requestOptions, onResponse) : httpRequest(target, requestOptions, onResponse);
      outgoing.add(req);
      req.on('timeout', () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
      req.on('error', (error) => {
        outgoing.delete(req);
        reject(error);
      });
      req.end(form);
    });
  }

  async function postWebhook(url: string, params: Params, signature: string | null, messageSid: string): Promise<RecordedWebhook> {
    const record: RecordedWebhook = { messageSid, url, params, signature, status: null, body: null, error: null };
    try {
      const answer = await postForm(url, params, signature === null ? {} : { 'X-Twilio-Signature': signature });
      record.status = answer.status;
      record.body = answer.body;
    } catch (error) {
      record.error = (error as Error).message;
    }
    return record;
  }

  const sign = (url: string, params: Params) => twilio.getExpectedTwilioSignature(authToken, url, params);

  // ---- JSON as the SDK parses it -------------------------------------------------------------------------------

  const accountJson = () => ({
    auth_token: authToken,
    date_created: rfc2822(state.account.dateCreated),
    date_updated: rfc2822(state.account.dateCreated),
    friendly_name: state.account.friendlyName,
    owner_account_sid: accountSid,
    sid: accountSid,
    status: state.account.status,
    subresource_uris: {
      available_phone_numbers: `${accountPath}/AvailablePhoneNumbers.json`,
      balance: `${accountPath}/Balance.json`,
      incoming_phone_numbers: `${accountPath}/IncomingPhoneNumbers.json`,
      messages: `${accountPath}/Messages.json`,
    },
    type: 'Full',
    uri: `${accountPath}.json`,
  });

  const availableJson = (e164: string, info: AreaInfo) => ({
    friendly_name: friendlyNumber(e164),
    phone_number: e164,
    lata: info.lata,
    locality: info.locality,
    rate_center: info.rateCenter,
    latitude: info.latitude,
    longitude: info.longitude,
    region: info.region,
    postal_code: info.postalCode,
    iso_country: 'US',
    address_requirements: 'none',
    beta: false,
    // Upper-case SMS/MMS is what this resource really returns, unlike IncomingPhoneNumber (twilio-node#553).
    capabilities: { voice: true, SMS: true, MMS: true, fax: false },
  });

  const numberJson = (n: FakeNumber) => ({
    account_sid: accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(n.dateCreated),
    date_updated: rfc2822(n.dateUpdated),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Active',
    friendly_name: n.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: n.phoneNumber,
    sid: n.sid,
    sms_application_sid: '',
    sms_fallback_method: n.smsFallbackMethod,
    sms_fallback_url: n.smsFallbackUrl,
    sms_method: n.smsMethod,
    sms_url: n.smsUrl,
    status: 'in-use',
    status_callback: n.statusCallback,
    status_callback_method: n.statusCallbackMethod,
    subresource_uris: { assigned_add_ons: `${accountPath}/IncomingPhoneNumbers/${n.sid}/AssignedAddOns.json` },
    trunk_sid: null,
    type: 'local',
    uri: `${accountPath}/IncomingPhoneNumbers/${n.sid}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: n.voiceMethod,
    voice_receive_mode: 'voice',
    voice_url: n.voiceUrl,
  });

  const messageJson = (m: FakeMessage) => ({
    account_sid: accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: 'outbound-api',
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${accountPath}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `${accountPath}/Messages/${m.sid}.json`,
  });

  // ---- the account's numbers ----------------------------------------------------------------------------------

  const owned = (e164: string) => state.numbers.find((n) => n.phoneNumber === e164);

  function addNumber(e164: string, params: Params): FakeNumber {
    const area = areaOf(e164);
    const now = new Date();
    const number: FakeNumber = {
      sid: newSid('PN'),
      phoneNumber: e164,
      friendlyName: params.FriendlyName ?? friendlyNumber(e164),
      locality: area?.info.locality ?? null,
      region: area?.info.region ?? null,
      smsUrl: params.SmsUrl ?? '',
      smsMethod: params.SmsMethod ?? 'POST',
      smsFallbackUrl: params.SmsFallbackUrl ?? '',
      smsFallbackMethod: params.SmsFallbackMethod ?? 'POST',
      statusCallback: params.StatusCallback ?? '',
      statusCallbackMethod: params.StatusCallbackMethod ?? 'POST',
      voiceUrl: params.VoiceUrl ?? null,
      voiceMethod: params.VoiceMethod ?? 'POST',
      dateCreated: now,
      dateUpdated: now,
    };
    state.numbers.push(number);
    return number;
  }

  function available(areaCode: string): string[] {
    if (!INVENTORY[areaCode]) return [];
    return Array.from({ length: perArea }, (_, i) => `+1${areaCode}55501${String(i).padStart(2, '0')}`).filter((e164) => !owned(e164));
  }

  function buyNumber(params: Params): Answer {
    if (buyFailure && buysBeforeFailure === 0) throw buyFailure;
    let e164 = params.PhoneNumber;
    if (e164 !== undefined) {
      if (!E164.test(e164)) throw new TwilioError(400, 21421, 'PhoneNumber is invalid');
      const area = areaOf(e164);
      if (!area || owned(e164)) throw new TwilioError(400, 21422, 'PhoneNumber is not available');
    } else if (params.AreaCode !== undefined) {
      e164 = available(params.AreaCode)[0];
      if (!e164) throw new TwilioError(400, 21452, 'No phone numbers found in area code');
    } else {
      throw new TwilioError(400, 21421, 'PhoneNumber or AreaCode is required');
    }
    if (buysBeforeFailure > 0) buysBeforeFailure -= 1;
    return { status: 201, body: numberJson(addNumber(e164, params)) };
  }

  function numberBySid(sid: string, path: string): FakeNumber {
    const number = state.numbers.find((n) => n.sid === sid);
    if (!number) throw notFound(path);
    return number;
  }

  function updateNumber(number: FakeNumber, params: Params): Answer {
    if (params.FriendlyName !== undefined) number.friendlyName = params.FriendlyName;
    if (params.SmsUrl !== undefined) number.smsUrl = keptSmsUrls.get(number.phoneNumber) ?? params.SmsUrl;
    if (params.SmsMethod !== undefined) number.smsMethod = params.SmsMethod;
    if (params.SmsFallbackUrl !== undefined) number.smsFallbackUrl = params.SmsFallbackUrl;
    if (params.SmsFallbackMethod !== undefined) number.smsFallbackMethod = params.SmsFallbackMethod;
    if (params.StatusCallback !== undefined) number.statusCallback = params.StatusCallback;
    if (params.StatusCallbackMethod !== undefined) number.statusCallbackMethod = params.StatusCallbackMethod;
    if (params.VoiceUrl !== undefined) number.voiceUrl = params.VoiceUrl;
    if (params.VoiceMethod !== undefined) number.voiceMethod = params.VoiceMethod;
    number.dateUpdated = new Date();
    return { status: 200, body: numberJson(number) };
  }

  // ---- messages -----------------------------------------------------------------------------------------------

  function createMessage(params: Params): Answer {
    const { To: to, From: from, Body: body, StatusCallback: statusCallback } = params;
    if (!to) throw new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!from) throw new TwilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) throw new TwilioError(400, 21602, 'Message body is required.');
    if (!E164.test(to)) throw new TwilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!owned(from)) throw new TwilioError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    if (to === from) throw new TwilioError(400, 21266, `'To' and 'From' number cannot be the same: ${to}`);
    if (body.length > MAX_BODY_LENGTH) throw new TwilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (statusCallback && !/^https?:\/\//.test(statusCallback)) throw new TwilioError(400, 21609, 'Invalid StatusCallback url');
    const now = new Date();
    const message: FakeMessage = {
      sid: newSid('SM'),
      from,
      to,
      body,
      statusCallback: statusCallback || null,
      status: 'queued',
      statusHistory: ['queued'],
      errorCode: null,
      errorMessage: null,
      numSegments: segmentCount(body),
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
    };
    state.messages.push(message);
    events.emit('message', message);
    const delivery = deliver(message, deliveryFailures.get(to) ?? null);
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
    return { status: 201, body: messageJson(message) };
  }

  /** The carrier's part: queued → sent → delivered (or undelivered/failed), one signed callback per step. */
  async function deliver(message: FakeMessage, failure: { code: number; finalStatus: 'undelivered' | 'failed' } | null): Promise<void> {
    const steps: MessageStatus[] = failure?.finalStatus === 'failed' ? ['queued', 'failed'] : ['queued', 'sent', failure ? 'undelivered' : 'delivered'];
    for (const step of steps) {
      if (closed) return;
      await pause(statusDelayMs);
      if (closed) return;
      if (step !== message.status) {
        message.status = step;
        message.statusHistory.push(step);
        message.dateUpdated = new Date();
        if (step === 'sent') message.dateSent = message.dateUpdated;
        if (failure && (step === 'undelivered' || step === 'failed')) {
          message.errorCode = failure.code;
          message.errorMessage = DELIVERY_ERRORS[failure.code] ?? 'Unknown error';
        }
      }
      if (!message.statusCallback) continue;
      await postStatus(message, step, false);
    }
  }

  /** One signed status callback for this message at this step, recorded and announced. */
  async function postStatus(message: FakeMessage, step: MessageStatus, replayed: boolean): Promise<RecordedCallback> {
    const params: Params = {
      MessageSid: message.sid,
      SmsSid: message.sid,
      AccountSid: accountSid,
      From: message.from,
      To: message.to,
      MessageStatus: step,
      SmsStatus: step,
      ApiVersion: API_VERSION,
    };
    if (message.errorCode !== null && (step === 'undelivered' || step === 'failed')) {
      params.ErrorCode = String(message.errorCode);
      params.ErrorMessage = message.errorMessage ?? '';
    }
    const url = message.statusCallback!;
    const record = await postWebhook(url, params, sign(url, params), message.sid);
    const callback: RecordedCallback = { ...record, messageStatus: step, ...(replayed ? { replayed } : {}) };
    state.callbacks.push(callback);
    events.emit('callback', callback);
    return callback;
  }

  function messageBySid(sid: string, path: string): FakeMessage {
    const message = state.messages.find((m) => m.sid === sid);
    if (!message) throw notFound(path);
    return message;
  }

  // ---- routing ------------------------------------------------------------------------------------------------

  type Handler = (match: RegExpExecArray, params: Params, query: URLSearchParams, path: string) => Answer;
  const routes: { method: string; pattern: RegExp; handle: Handler }[] = [
    { method: 'GET', pattern: /^\/Accounts\/(\w+)\.json$/, handle: () => ({ status: 200, body: accountJson() }) },
    {
      method: 'GET',
      pattern: /^\/Accounts\/(\w+)\/Balance\.json$/,
      handle: () => ({ status: 200, body: { account_sid: accountSid, balance: state.account.balance, currency: state.account.currency } }),
    },
    {
      method: 'GET',
      pattern: /^\/Accounts\/(\w+)\/AvailablePhoneNumbers\/(US)\/Local\.json$/,
      handle: (_m, params, query, path) => {
        const numbers = available(params.AreaCode ?? '');
        const pageSize = Number(params.PageSize) || DEFAULT_PAGE_SIZE;
        // Twilio answers a number search with one page only.
        const first = pageOf('available_phone_numbers', numbers.slice(0, pageSize), (e164) => availableJson(e164, areaOf(e164)!.info), path, query);
        return { status: 200, body: { ...first, next_page_uri: null } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/Accounts\/(\w+)\/IncomingPhoneNumbers\.json$/,
      handle: (_m, params, query, path) => {
        const wanted = params.PhoneNumber ? new RegExp(params.PhoneNumber.replace(/[^\d*+]/g, '').replace(/\+/g, '\\+').replace(/\*/g, '\\d')) : null;
        const numbers = state.numbers.filter((n) => (!wanted || wanted.test(n.phoneNumber)) && (!params.FriendlyName || n.friendlyName === params.FriendlyName));
        return { status: 200, body: pageOf('incoming_phone_numbers', numbers, numberJson, path, query) };
      },
    },
    { method: 'POST', pattern: /^\/Accounts\/(\w+)\/IncomingPhoneNumbers\.json$/, handle: (_m, params) => buyNumber(params) },
    { method: 'GET', pattern: /^\/Accounts\/(\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/, handle: (m, _p, _q, path) => ({ status: 200, body: numberJson(numberBySid(m[2], path)) }) },
    { method: 'POST', pattern: /^\/Accounts\/(\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/, handle: (m, params, _q, path) => updateNumber(numberBySid(m[2], path), params) },
    {
      method: 'DELETE',
      pattern: /^\/Accounts\/(\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/,
      handle: (m, _p, _q, path) => {
        state.numbers.splice(state.numbers.indexOf(numberBySid(m[2], path)), 1);
        return { status: 204 };
      },
    },
    { method: 'POST', pattern: /^\/Accounts\/(\w+)\/Messages\.json$/, handle: (_m, params) => createMessage(params) },
    {
      method: 'GET',
      pattern: /^\/Accounts\/(\w+)\/Messages\.json$/,
      handle: (_m, params, query, path) => {
        const messages = state.messages.filter((m) => (!params.To || m.to === params.To) && (!params.From || m.from === params.From)).reverse();
        return { status: 200, body: pageOf('messages', messages, messageJson, path, query) };
      },
    },
    { method: 'GET', pattern: /^\/Accounts\/(\w+)\/Messages\/(SM\w+)\.json$/, handle: (m, _p, _q, path) => ({ status: 200, body: messageJson(messageBySid(m[2], path)) }) },
  ];

  function authenticated(header: string | undefined): boolean {
    const m = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Only the account's own SID and auth token; API-key auth (SK… username) is not modelled.
    return colon > 0 && decoded.slice(0, colon) === accountSid && decoded.slice(colon + 1) === authToken;
  }

  function route(method: string, path: string, params: Params, query: URLSearchParams, authorization: string | undefined): Answer {
    if (typeof downWith === 'number') throw new TwilioError(downWith, 20000 + downWith, STATUS_CODES[downWith] ?? 'Service Unavailable');
    const next = injected.shift();
    if (next) throw next;
    if (!path.startsWith(`/${API_VERSION}/`)) throw notFound(path);
    if (!authenticated(authorization)) throw new TwilioError(401, 20003, 'Authenticate');
    const local = path.slice(API_VERSION.length + 1);
    if (forbidden && local.split('/').some((segment) => segment.replace(/\.json$/, '') === forbidden)) throw new TwilioError(403, 20403, 'Forbidden');
    let pathMatched = false;
    for (const r of routes) {
      const match = r.pattern.exec(local);
      if (!match) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      if (match[1] !== accountSid) throw notFound(path);
      return r.handle(match, params, query, path);
    }
    if (pathMatched) throw new TwilioError(405, 20004, 'Method not allowed');
    throw notFound(path);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : new URLSearchParams();
    const params: Params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(form) };
    if (downWith === 'reset') {
      // Down hard: the connection drops with no answer at all, as when nothing listens at the provider's end.
      const record: RecordedRequest = { method, path: url.pathname, params, status: 0 };
      state.requests.push(record);
      events.emit('request', record);
      req.socket.destroy();
      return;
    }
    let answer: Answer;
    try {
      answer = route(method, url.pathname, params, url.searchParams, req.headers.authorization);
    } catch (error) {
      const failure = error instanceof TwilioError ? error : new TwilioError(500, 20500, 'Internal Server Error');
      answer = { status: failure.status, body: failure.toJSON() };
    }
    // A slow network or a busy API: every answer waits this long.
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const record: RecordedRequest = { method, path: url.pathname, params, status: answer.status };
    state.requests.push(record);
    events.emit('request', record);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Twilio-Request-Id': newSid('RQ') };
    if (answer.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Twilio API"';
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(new TwilioError(500, 20500, error.message).toJSON()));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const controls: FakeTwilioControls = {
    failBuyWith(code, status = 400) {
      buyFailure = code === null ? null : new TwilioError(status, code, `Number purchase failed (error ${code})`);
      buysBeforeFailure = 0;
    },
    failBuysAfter(successes, code, status = 400) {
      buyFailure = new TwilioError(status, code, `Number purchase failed (error ${code})`);
      buysBeforeFailure = successes;
    },
    ownNumber(e164, webhooks = {}) {
      if (!E164.test(e164)) throw new Error(`ownNumber: ${e164} is not an E.164 number`);
      return owned(e164) ?? addNumber(e164, { ...(webhooks.smsUrl ? { SmsUrl: webhooks.smsUrl } : {}), ...(webhooks.statusCallback ? { StatusCallback: webhooks.statusCallback } : {}) });
    },
    keepSmsUrl(e164, smsUrl) {
      keptSmsUrls.set(e164, smsUrl);
      const number = owned(e164);
      if (number) number.smsUrl = smsUrl;
    },
    failDeliveryTo(e164, errorCode = 30003, finalStatus = 'undelivered') {
      deliveryFailures.set(e164, { code: errorCode, finalStatus });
    },
    outage(count, status = 500) {
      const code = 20000 + status;
      for (let i = 0; i < count; i++) injected.push(new TwilioError(status, code, STATUS_CODES[status] ?? 'Service Unavailable'));
    },
    forbid(resource) {
      forbidden = resource;
    },
    slowDown(ms) {
      latencyMs = ms;
    },
    rateLimit(count) {
      for (let i = 0; i < count; i++) injected.push(new TwilioError(429, 20429, 'Too Many Requests'));
    },
    down(status = 503) {
      if (status !== 'reset' && !(Number.isInteger(status) && status >= 400 && status <= 599)) throw new Error(`down: ${status} is not an HTTP error status or 'reset'`);
      downWith = status;
    },
    up() {
      downWith = null;
    },
    async replayCallbacks(messageSid, statuses, { atOnce = false } = {}) {
      const message = state.messages.find((m) => m.sid === messageSid);
      if (!message) throw new Error(`replayCallbacks: no message ${messageSid} on the fake account`);
      if (!message.statusCallback) throw new Error(`replayCallbacks: message ${messageSid} has no StatusCallback`);
      if (atOnce) return Promise.all(statuses.map((step) => postStatus(message, step, true)));
      const posted: RecordedCallback[] = [];
      for (const step of statuses) posted.push(await postStatus(message, step, true));
      return posted;
    },
    setAccountStatus(status) {
      state.account.status = status;
    },
    setBalance(balance) {
      state.account.balance = balance;
    },
    async sendInbound({ from, to, body, url, signature, messageSid }) {
      const target = url ?? owned(to)?.smsUrl;
      if (!target) throw new Error(`sendInbound: ${to} is not a number on the fake account with an SmsUrl; pass url`);
      const sid = messageSid ?? newSid('SM');
      const params: Params = {
        ToCountry: 'US',
        SmsMessageSid: sid,
        NumMedia: '0',
        SmsSid: sid,
        SmsStatus: 'received',
        Body: body,
        To: to,
        NumSegments: String(segmentCount(body)),
        MessageSid: sid,
        AccountSid: accountSid,
        From: from,
        ApiVersion: API_VERSION,
      };
      const record = await postWebhook(target, params, signature === undefined ? sign(target, params) : signature, sid);
      state.inbound.push(record);
      events.emit('inbound', record);
      if (record.status === null) throw new Error(`sendInbound: ${target} could not be reached: ${record.error}`);
      return { status: record.status, body: record.body ?? '', messageSid: sid };
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    reset() {
      injected = [];
      downWith = null;
      buyFailure = null;
      buysBeforeFailure = 0;
      keptSmsUrls.clear();
      forbidden = null;
      latencyMs = 0;
      deliveryFailures.clear();
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    state,
    controls,
    events,
    async close() {
      closed = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      for (const req of outgoing) req.destroy();
      await Promise.allSettled([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
