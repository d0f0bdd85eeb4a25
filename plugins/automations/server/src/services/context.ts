import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { displayNumber } from '@switchboard/kit';
import type { TriggerType } from '../../../shared/contracts';
import type { Variables } from '../domain/conditions';
import { sampleValues } from '../domain/catalogue';
import { lower } from './lower';

/** What set a run off: the trigger, its subject and what its event said. */
export interface TriggerRef {
  type: TriggerType;
  subject: { type: string; id: string };
  at: string;
  data: Record<string, unknown>;
}

/** A run's world: its variables and the thread, client, sitter and booking they came from. */
export interface RunContext {
  variables: Variables;
  conversationId: string | null;
  clientId: string | null;
  sitterId: number | null;
  bookingId: string | null;
  /** The number an SMS would leave from (the thread's business number) and the client's phone. */
  from: string | null;
  fromLabel: string;
  to: string | null;
  /** In words, for the test panel and the log: "Booking: Jordan Lee, one-time visit, Thu, Dec 3, 10:00 AM". */
  text: string;
  /** A test on the catalogue's samples (no thread, nothing real). */
  sample?: boolean;
}

const CLASS_WORDS: Record<string, string> = { sitter: "the sitter's masked number", pool: 'a pool number', front_desk: 'the Front Desk number' };
const KIND_WORDS: Record<string, string> = { one_time: 'one-time visit', weekly: 'weekly visits', meet_and_greet: 'meet and greet' };
const LOCAL = 'ccc, LLL d, h:mm a';

/** Thrown when the trigger's subject is gone (a booking deleted before its run): the run fails with this sentence. */
export class ContextError extends Error {}

/**
 * Builds a run's variables (OPS §2.4 "Condition evaluation context (booking, client, sitter data)") from the plugins
 * below, by their documented services: the booking (assignments), the window (assignments), the client and sitter
 * (people), the thread's number (messaging), the business's name and zone (people).
 */
const context = ({ strapi }: { strapi: Core.Strapi }) => {
  const of = lower(strapi);

  async function bookingVariables(bookingId: string, zone: string) {
    const booking = await of.bookings().stored(bookingId);
    if (!booking) throw new ContextError('Booking not found. It may have been deleted.');
    const startsAt = new Date(booking.startsAt);
    const endsAt = new Date(booking.endsAt);
    const bookingZone = booking.timeZone || zone;
    return {
      booking,
      variables: {
        'booking.kind': booking.kind,
        'booking.status': booking.status,
        'booking.startsAtLocal': DateTime.fromJSDate(startsAt, { zone: bookingZone }).toFormat(LOCAL),
        'booking.endsAtLocal': DateTime.fromJSDate(endsAt, { zone: bookingZone }).toFormat(LOCAL),
        'booking.durationMinutes': Math.round((+endsAt - +startsAt) / 60_000),
        'booking.numberClass': booking.numberClass ?? null,
      } as Variables,
    };
  }

  async function sitterVariables(sitterId: number | null): Promise<Variables> {
    if (sitterId === null) return { 'sitter.firstName': null, 'sitter.displayName': null };
    const sitter = (await of.sitters().byUserId()).get(Number(sitterId));
    const name = sitter?.displayName ?? null;
    return { 'sitter.firstName': name ? name.split(/\s+/)[0] : null, 'sitter.displayName': name };
  }

  async function clientVariables(clientId: string | null): Promise<{ variables: Variables; name: string | null; phone: string | null }> {
    if (!clientId) return { variables: { 'client.firstName': null, 'client.lastName': null, 'client.name': null }, name: null, phone: null };
    const client = await of.clients().get(clientId).catch(() => null);
    if (!client) return { variables: { 'client.firstName': null, 'client.lastName': null, 'client.name': null }, name: null, phone: null };
    return { variables: { 'client.firstName': client.firstName || client.name, 'client.lastName': client.lastName || null, 'client.name': client.name }, name: client.name, phone: client.phone };
  }

  const api = {
    /** The live or test context of a trigger. */
    async build(trigger: TriggerRef): Promise<RunContext> {
      const organisation = await of.organisation().get();
      const zone = organisation.timeZone;
      let variables: Variables = { 'business.name': organisation.name };
      let conversationId: string | null = null;
      let clientId: string | null = null;
      let sitterId: number | null = null;
      let bookingId: string | null = null;
      let numberClass: string | null = null;
      let what = '';

      if (trigger.type === 'booking.created' || trigger.type === 'booking.status_changed') {
        bookingId = String(trigger.data.bookingId ?? trigger.subject.id);
        const found = await bookingVariables(bookingId, zone);
        variables = { ...variables, ...found.variables };
        // The status as the event saw it: a run that starts later (another automation changed it since) still reads
        // the change that set it off.
        if (typeof trigger.data.status === 'string') variables['booking.status'] = trigger.data.status;
        if (trigger.type === 'booking.status_changed') variables['booking.previousStatus'] = (trigger.data.previousStatus as string) ?? null;
        conversationId = found.booking.conversationId ? String(found.booking.conversationId) : null;
        clientId = found.booking.client;
        sitterId = found.booking.sitterId === null ? null : Number(found.booking.sitterId);
        numberClass = found.booking.numberClass ?? null;
        what = `Booking: %client%, ${KIND_WORDS[found.booking.kind] ?? found.booking.kind}, ${variables['booking.startsAtLocal']}`;
      } else if (trigger.type === 'window.starting' || trigger.type === 'window.ended') {
        const windowId = String(trigger.data.windowId ?? trigger.subject.id);
        const window = await of.windows().one(windowId);
        if (!window) throw new ContextError('Assignment window not found. It may have been deleted.');
        const windowZone = window.timeZone || zone;
        variables['window.startsAtLocal'] = DateTime.fromJSDate(new Date(window.startsAt), { zone: windowZone }).toFormat(LOCAL);
        variables['window.endsAtLocal'] = DateTime.fromJSDate(new Date(window.endsAt), { zone: windowZone }).toFormat(LOCAL);
        variables['window.type'] = window.type;
        conversationId = String(window.conversationId);
        clientId = window.clientId;
        sitterId = Number(window.sitterId);
        if (window.booking) {
          const found = await bookingVariables(window.booking, zone).catch(() => null);
          if (found) {
            variables = { ...variables, ...found.variables };
            bookingId = window.booking;
            numberClass = found.booking.numberClass ?? null;
          }
        }
        what = `Window: %client% with %sitter%, ${variables['window.startsAtLocal']}`;
      } else {
        conversationId = String(trigger.data.conversationId);
        clientId = (trigger.data.clientId as string | null) ?? null;
        variables['message.body'] = String(trigger.data.bodyText ?? '');
        what = `Message from %client%: "${String(trigger.data.bodyText ?? '').slice(0, 80)}"`;
      }

      const client = await clientVariables(clientId);
      variables = { ...variables, ...client.variables, ...(trigger.type === 'message.received' ? {} : await sitterVariables(sitterId)) };
      const record = conversationId ? await of.conversations().findRecord(Number(conversationId)) : null;
      const from = record?.businessNumber ?? null;
      numberClass ??= record?.number?.numberClass ?? null;
      variables['thread.number'] = from ? displayNumber(from) : null;
      const fromLabel = from
        ? `${displayNumber(from)}, ${CLASS_WORDS[numberClass ?? ''] ?? 'the number'} of ${client.name ?? 'the client'}'s thread`
        : 'No thread yet: nothing can be sent.';
      return {
        variables,
        conversationId: record ? String(record.id) : null,
        clientId,
        sitterId,
        bookingId,
        from,
        fromLabel,
        to: record?.clientPhone ?? client.phone,
        text: what.replace('%client%', client.name ?? 'unknown client').replace('%sitter%', String(variables['sitter.displayName'] ?? 'no sitter')),
      };
    },

    /** A test or preview without a context: the catalogue's samples, no thread. */
    sample(type: TriggerType, overrides: Record<string, string> = {}): RunContext {
      return {
        variables: { ...sampleValues(type), ...overrides },
        conversationId: null,
        clientId: null,
        sitterId: null,
        bookingId: null,
        from: null,
        fromLabel: "The thread's number (none in a test on sample values).",
        to: null,
        text: 'Sample values',
        sample: true,
      };
    },
  };
  return api;
};

export type ContextService = ReturnType<typeof context>;
export default context;
