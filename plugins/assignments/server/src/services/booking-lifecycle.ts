import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, parseInput, publishDomainEvent } from '@switchboard/kit';
import { adminDisplayName, staffActor, type AuditActor, type AuditLogService } from '@switchboard/audit';
import type { ClientsService, ClientView, OrganisationService, SittersService, Sitter } from '@switchboard/people';
import type { BookingNumbersService, NumberLookupService } from '@switchboard/numbers';
import type { ClientThreadsService, SitterNoticesService } from '@switchboard/messaging';
import { BOOKING_SENTENCES, bookingFieldsOf, bookingSchema, type BookingFields } from '../domain/booking-input';
import { choosePoolNumber, holdsPoolNumber, threadNumberClass, type NumberClass } from '../domain/thread-number';
import { newClientNotice, tellsSitter } from '../domain/sitter-notice';
import { firstNameOf, renderReassignment } from '../domain/window-plan';
import { isOperatorWrite, operatorOutcome } from './operator-writes';
import { AUDIT_ACTIONS, BOOKING_UID, EVENTS, PLUGIN } from '../constants';
import { getService } from '../get-service';
import { contentManagerBookingStatus } from '../bootstrap/content-manager-status';
import type { BookingRow } from './bookings';

/** Where a booking's client thread lives (OPS §4.4): set by the server on the stored booking, never by callers. */
export interface ThreadPlacement {
  numberClass: NumberClass;
  numberE164: string;
  conversationId: string;
  /** The thread was opened by this write. */
  threadCreated: boolean;
  /** The booking kept the thread it had (nothing that decides the thread changed). */
  kept: boolean;
}

/** One key for every booking that takes a pool number: two at once never take the same one (released at commit). */
const POOL_LOCK_KEY = 740_451_001;

type DocumentAction = 'create' | 'update' | 'clone' | 'delete';
export interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * The booking lifecycle (issue 14 items 5–6; OPS §4.4, §4.5): whoever writes a booking — the REST API, the Content
 * Manager, a seed — it is validated, its thread's number class decided, its number picked (a pool number under a lock),
 * its client thread opened or reused through messaging, the thread and number stored on it, a pool number marked used
 * and one audit event written, all in one transaction. Any refusal leaves nothing written. It runs as a Strapi
 * document-service middleware (index.ts registers it).
 */
const bookingLifecycle = ({ strapi }: { strapi: Core.Strapi }) => {
  const people = <T>(name: string) => strapi.plugin('people').service(name) as T;
  const bookingNumbers = () => strapi.plugin('numbers').service('booking-numbers') as BookingNumbersService;
  const numberLookup = () => strapi.plugin('numbers').service('number-lookup') as NumberLookupService;
  const clientThreads = () => strapi.plugin('messaging').service('client-threads') as ClientThreadsService;
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const bookings = () => getService(strapi, 'bookings');
  const windows = () => getService(strapi, 'windows');

  /**
   * DOMAIN.md "A sitter change": a weekly booking whose sitter is not the client's previous weekly sitter (the same
   * booking before this change, or else the client's latest other weekly booking with a sitter) introduces the new
   * sitter to the client: the reassignment message's text, or null when nothing changed.
   */
  async function reassignmentText(booking: BookingFields, previous: BookingRow | null, documentId: string | undefined, now: Date): Promise<string | null> {
    if (booking.kind !== 'weekly' || booking.sitterId === null || booking.status !== 'confirmed' || new Date(booking.endsAt) <= now) return null;
    let before: number | null = previous?.sitterId ?? null;
    if (!previous) {
      const other = (await strapi.db.query(BOOKING_UID).findOne({
        where: { client: booking.client, kind: 'weekly', sitterId: { $notNull: true }, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })) as BookingRow | null;
      before = other?.sitterId ?? null;
    }
    if (before === null || Number(before) === booking.sitterId) return null;
    const client = await people<ClientsService>('clients').get(booking.client);
    const sitter = (await people<SittersService>('sitters').byUserId()).get(booking.sitterId);
    return renderReassignment((await getService(strapi, 'settings').get()).reassignmentTemplate, { clientFirstName: client.firstName, sitterFirstName: firstNameOf(sitter?.displayName ?? '') });
  }

  /** OPS §4.3 "Sitter notified", once the booking has committed: a notice never tells of a rolled-back booking. */
  async function tellSitter(booking: BookingFields, now: Date): Promise<void> {
    try {
      const client = await people<ClientsService>('clients').get(booking.client);
      const { timeZone } = await people<OrganisationService>('organisation').get();
      const text = newClientNotice({ clientFirstName: client.firstName, kind: booking.kind, startsAt: new Date(booking.startsAt), timeZone });
      await (strapi.plugin('messaging').service('sitter-notices') as SitterNoticesService).notifyText(booking.sitterId!, text);
    } catch (error) {
      // The booking stands; only the sitter's notice is missing, and the log says which one.
      strapi.log.error(`[assignments] new-client notice for sitter user ${booking.sitterId} (client ${booking.client}) failed at ${now.toISOString()}: ${error}`);
    }
  }

  /** The client's other confirmed weekly bookings, with another sitter, not ended: a new weekly sitter supersedes them. */
  async function supersededWeekly(booking: BookingFields, documentId: string, now: Date): Promise<string[]> {
    const found = (await strapi.db.query(BOOKING_UID).findMany({
      where: { client: booking.client, kind: 'weekly', status: 'confirmed', sitterId: { $notNull: true, $ne: booking.sitterId }, endsAt: { $gt: now }, documentId: { $ne: documentId } },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    return found.map((b) => b.documentId);
  }

  /** Messaging's automated send (AUTOMATION_TO_CLIENT from the thread's number), joining this transaction. */
  async function sendAutomated(conversationId: number, text: string, actor: AuditActor, reason: string): Promise<unknown> {
    const threads = clientThreads() as ClientThreadsService & { sendAutomated?: (input: { conversationId: number; text: string; actor: AuditActor; reason: string }) => Promise<unknown> };
    if (!threads.sendAutomated) {
      strapi.log.warn(`[assignments] the reassignment message for thread ${conversationId} was not sent: messaging has no automated send yet`);
      return null;
    }
    return threads.sendAutomated({ conversationId, text, actor, reason });
  }

  /**
   * Who is writing, from the request being served: an admin (Content Manager, Assignments page), an integrator's API
   * token (the token is the actor, as people records it), or the system outside a request (the seed).
   */
  const writer = (): { actor: AuditActor; via: string } => {
    const ctx = strapi.requestContext.get() as { state?: { user?: any; auth?: { strategy?: { name?: string }; credentials?: { id?: number | string; name?: string } | null } } } | undefined;
    const strategy = ctx?.state?.auth?.strategy?.name;
    const user = ctx?.state?.user;
    const token = ctx?.state?.auth?.credentials;
    if (strategy === 'admin' && user) return { actor: staffActor({ id: user.id, displayName: adminDisplayName(user) }), via: 'admin' };
    if (strategy === 'api-token' && token?.id !== undefined) {
      return { actor: { kind: 'user', id: `api-token:${token.id}`, displayName: `API token "${token.name ?? token.id}"`, role: 'api-token' }, via: 'api-token' };
    }
    return { actor: { kind: 'system' }, via: strategy ?? 'server' };
  };

  async function clientOf(documentId: string): Promise<ClientView> {
    try {
      return await people<ClientsService>('clients').get(documentId);
    } catch (error) {
      // The client is a field of the booking: an unknown one is a mistake in the body (400), not a missing page.
      if (error instanceof NotFoundError) throw new ValidationError(error.message, { errors: [{ path: 'client', message: error.message }] });
      throw error;
    }
  }

  async function sitterOf(userId: number, mustBeActive: boolean): Promise<Sitter> {
    const sitter = (await people<SittersService>('sitters').byUserId()).get(userId);
    if (!sitter) throw new ValidationError(BOOKING_SENTENCES.sitterNotFound, { errors: [{ path: 'sitterId', message: BOOKING_SENTENCES.sitterNotFound }] });
    if (mustBeActive && !sitter.active) throw new ValidationError(BOOKING_SENTENCES.sitterInactive, { errors: [{ path: 'sitterId', message: BOOKING_SENTENCES.sitterInactive }] });
    return sitter;
  }

  /** The business number the booking's thread uses, by the OPS §4.4 class; null keeps the thread the booking has. */
  async function numberFor(booking: BookingFields, documentId: string | undefined, previous: BookingRow | null, keepable: boolean, sitter: Sitter | null, now: Date) {
    const numberClass = threadNumberClass(booking);
    if (numberClass === 'sitter') {
      const masked = await people<SittersService>('sitters').maskedNumberOf(sitter!.userId);
      if (masked) return { numberClass, e164: masked };
      if (keepable) return null;
      throw new ConflictError(BOOKING_SENTENCES.noMaskedNumber(sitter!.displayName));
    }
    if (numberClass === 'pool') {
      const graceHours = await bookings().graceHours();
      // A booking that holds no pool number any more (cancelled, or ended past the grace) keeps the thread it had.
      const holds = holdsPoolNumber({ clientId: booking.client, numberE164: '', status: booking.status, endsAt: booking.endsAt }, now, graceHours);
      if (keepable && !holds) return null;
      await strapi.db.transaction(({ trx }) => trx.raw('select pg_advisory_xact_lock(?)', [POOL_LOCK_KEY]));
      const current = previous?.numberClass === 'pool' ? previous.numberE164 : null;
      const e164 = choosePoolNumber({
        pool: await bookingNumbers().activePoolNumbers(),
        holds: await bookings().poolHolds(now, graceHours, documentId),
        clientId: booking.client,
        current,
        now,
        graceHours,
      });
      if (!e164) throw new ConflictError(BOOKING_SENTENCES.noPoolNumber);
      return { numberClass, e164 };
    }
    const frontDesk = await numberLookup().activeFrontDesk();
    if (frontDesk) return { numberClass, e164: frontDesk.e164 };
    if (keepable) return null;
    throw new ConflictError(BOOKING_SENTENCES.noFrontDesk);
  }

  /** Validates a write and places its thread; throws the refusal's sentence before anything is written. */
  async function place(booking: BookingFields, documentId: string | undefined, previous: BookingRow | null, now: Date): Promise<ThreadPlacement> {
    const client = await clientOf(booking.client);
    // Nothing that decides the thread changed: the booking may keep its thread even if its sitter has since gone.
    const keepable = Boolean(previous?.conversationId && previous.numberE164 && previous.numberClass) && previous!.kind === booking.kind && previous!.client === booking.client && (previous!.sitterId ?? null) === booking.sitterId;
    const sitter = booking.sitterId === null ? null : await sitterOf(booking.sitterId, !keepable && booking.status !== 'cancelled');
    const cancelledKeep = keepable && booking.status === 'cancelled';
    const number = cancelledKeep ? null : await numberFor(booking, documentId, previous, keepable, sitter, now);
    if (number === null || (keepable && number.e164 === previous!.numberE164 && number.numberClass === previous!.numberClass)) {
      return { numberClass: previous!.numberClass!, numberE164: previous!.numberE164!, conversationId: previous!.conversationId!, threadCreated: false, kept: true };
    }
    const thread = await clientThreads().ensureThread({ clientId: client.id, clientPhone: client.phone, businessNumber: number.e164 });
    return { numberClass: number.numberClass, numberE164: number.e164, conversationId: String(thread.conversationId), threadCreated: thread.created, kept: false };
  }

  const detailsOf = (booking: BookingFields | BookingRow, placement: { numberClass: NumberClass | null; numberE164: string | null } | null) => ({
    kind: booking.kind,
    client: booking.client,
    sitterId: booking.sitterId ?? null,
    status: booking.status,
    startsAt: new Date(booking.startsAt).toISOString(),
    endsAt: new Date(booking.endsAt).toISOString(),
    numberClass: placement?.numberClass ?? null,
    numberE164: placement?.numberE164 ?? null,
  });

  return {
    reassignmentText,
    sendAutomated,
    writer,

    /** The document-service middleware: only bookings' writes; everything else passes through untouched. */
    async handle(context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> {
      if (context.uid !== BOOKING_UID || !['create', 'update', 'clone', 'delete'].includes(context.action)) return next();
      const action = context.action as DocumentAction;
      return strapi.db.transaction(async ({ onCommit }) => {
        const documentId = context.params.documentId;
        const { actor, via } = writer();
        if (action === 'delete') {
          const before = documentId ? await bookings().stored(documentId) : null;
          const result = await next();
          if (before) {
            await windows().endBooking(before.documentId, systemClock.now(), onCommit);
            await audit().record({ actor, action: AUDIT_ACTIONS.bookingDelete, entity: { type: 'booking', id: before.documentId }, conversationId: before.conversationId ?? undefined, details: { ...detailsOf(before, before), via } });
          }
          return result;
        }
        const stored = documentId ? await bookings().stored(documentId) : null;
        // Updating a booking that does not exist: Strapi answers it (404 on REST).
        if (action === 'update' && !stored) return next();
        const previous = action === 'update' ? stored : null;
        // The Content Manager's form sends the booking's status beside the data (bootstrap/content-manager-status.ts).
        const cmStatus = contentManagerBookingStatus(strapi);
        const data = { ...(cmStatus && context.params.data?.status === undefined ? { status: cmStatus } : {}), ...(context.params.data ?? {}) };
        const booking = parseInput(bookingSchema((await people<OrganisationService>('organisation').get()).timeZone), {
          ...(stored ? bookingFieldsOf(stored as unknown as Record<string, unknown>) : {}),
          ...bookingFieldsOf(data),
        });
        const now = systemClock.now();
        const placement = await place(booking, previous?.documentId, previous, now);
        context.params.data = {
          ...data,
          ...booking,
          conversationId: placement.conversationId,
          numberE164: placement.numberE164,
          numberClass: placement.numberClass,
        };
        const result = (await next()) as { documentId?: string } | null;
        const bookingId = String(result?.documentId ?? documentId);
        // Its windows, in this transaction (README "Windows of a booking"); an operator's overlap refuses the write.
        const synced = await windows().syncBooking({
          bookingId,
          booking,
          conversationId: placement.conversationId,
          clientId: booking.client,
          isCreate: action !== 'update',
          operator: isOperatorWrite(),
          now,
          onCommit,
        });
        // A sitter change introduces the new sitter, from the new thread's number, in this transaction.
        const reassignment = await reassignmentText(booking, previous, bookingId, now);
        // A new weekly booking that changes the client's sitter: the old sitter's weekly bookings keep their history,
        // and their open windows end (DOMAIN.md "A sitter change": the old thread's windows end).
        const superseded = reassignment && !previous ? await supersededWeekly(booking, bookingId, now) : [];
        for (const old of superseded) await windows().endBooking(old, now, onCommit);
        if (reassignment) await sendAutomated(Number(placement.conversationId), reassignment, actor, 'The sitter changed');
        const outcome = operatorOutcome();
        if (outcome) {
          outcome.notes.push(...synced.notes.filter((n) => !outcome.notes.includes(n)));
          outcome.reassignment = reassignment;
        }
        if (tellsSitter({ sitterId: booking.sitterId, status: booking.status, endsAt: new Date(booking.endsAt), previousSitterId: previous?.sitterId ?? undefined }, now)) {
          onCommit(() => tellSitter(booking, now));
        }
        if (placement.numberClass === 'pool' && !placement.kept) await bookingNumbers().markUsed(placement.numberE164, now);
        const id = result?.documentId ?? documentId;
        await audit().record({
          actor,
          action: action === 'update' ? AUDIT_ACTIONS.bookingUpdate : AUDIT_ACTIONS.bookingCreate,
          entity: { type: 'booking', id: String(id) },
          conversationId: placement.conversationId,
          details: {
            ...detailsOf(booking, placement),
            threadCreated: placement.threadCreated,
            ...(previous ? { before: detailsOf(previous, previous) } : {}),
            ...(action === 'clone' ? { clonedFrom: documentId } : {}),
            windows: { created: synced.inserted.length, overlapping: synced.inserted.filter((w) => w.overlapping).length, removed: synced.removed, ended: synced.ended },
            ...(reassignment ? { reassignmentMessage: reassignment } : {}),
            ...(superseded.length > 0 ? { windowsEndedOfBookings: superseded } : {}),
            via,
          },
        });
        // README "Events": automations start from these, once this write commits (never for a rolled-back preview).
        const changedStatus = previous && previous.status !== booking.status ? previous.status : null;
        if (action !== 'update' || changedStatus) {
          const event = {
            type: action === 'update' ? EVENTS.bookingStatusChanged : EVENTS.bookingCreated,
            source: PLUGIN,
            at: now.toISOString(),
            subject: { type: 'booking', id: String(id) },
            conversationId: placement.conversationId,
            data: { bookingId: String(id), kind: booking.kind, status: booking.status, ...(changedStatus ? { previousStatus: changedStatus } : {}), clientId: booking.client, sitterId: booking.sitterId, conversationId: placement.conversationId },
          };
          onCommit(() => publishDomainEvent(strapi, event));
        }
        return result;
      });
    },
  };
};

export type BookingLifecycleService = ReturnType<typeof bookingLifecycle>;
export default bookingLifecycle;
