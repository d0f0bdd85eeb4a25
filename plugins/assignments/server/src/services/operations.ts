import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '@switchboard/kit';
import type { AuditActor, AuditLogService } from '@switchboard/audit';
import type { ClientsService, ClientView, SittersService, Sitter } from '@switchboard/people';
import type { PreviewAnswer } from '../../../shared/contracts';
import { BOOKING_SENTENCES } from '../domain/booking-input';
import { BOOKING_KIND_OF, WINDOW_SENTENCES, assignConfirmation, assignImpact, firstNameOf, renderReassignment, windowImpact } from '../domain/window-plan';
import { WINDOW_INPUT_SENTENCES, assignSchema, createWindowSchema, locatorOf, resolveConflictSchema, updateWindowSchema } from '../domain/window-input';
import { CONFLICT_SENTENCES, conflictConfirmation, conflictImpact, planConflictResolution } from '../domain/conflict-plan';
import { AUDIT_ACTIONS, BOOKING_UID } from '../constants';
import { getService } from '../get-service';
import { asOperator, type OperatorOutcome } from './operator-writes';
import { rangeOf, type WindowRow } from './windows';
import type { BookingRow } from './bookings';

interface ThreadRecord {
  id: number;
  kind: string;
  clientId?: string | null;
  clientName?: string | null;
}

/** Thrown inside a preview's transaction so it rolls back; carries the impact out. */
class PreviewRollback extends Error {
  constructor(readonly impact: string[]) {
    super('preview');
  }
}

/**
 * The operator's writes under /assignments (API.md "Assignment windows", OPS §3.3, §4.3): windows created, moved and
 * deleted by hand, a sitter assigned to a client, the reassignment message sent. Each runs in one transaction; with
 * `preview` the very same work runs and is rolled back, and the answer is the impact in words (so a preview can
 * never disagree with the write). Order of checks: 404 → 400 → 403 → 409.
 */
const operations = ({ strapi }: { strapi: Core.Strapi }) => {
  const windows = () => getService(strapi, 'windows');
  const people = <T>(name: string) => strapi.plugin('people').service(name) as T;
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;

  async function inTransaction<T>(preview: boolean, work: (onCommit: (cb: () => void) => void) => Promise<{ result: T; impact: string[] }>): Promise<T | PreviewAnswer> {
    try {
      return await strapi.db.transaction(async ({ onCommit }) => {
        const { result, impact } = await work(onCommit);
        if (preview) throw new PreviewRollback(impact);
        return result;
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return { preview: true, impact: error.impact };
      throw error;
    }
  }

  /** A client thread by id, or 404 "Thread not found. Create thread first?". */
  async function threadOf(conversationId: string | undefined): Promise<ThreadRecord> {
    if (!conversationId || !/^\d{1,18}$/.test(conversationId)) throw new NotFoundError(WINDOW_SENTENCES.threadNotFound);
    const record = (await (strapi.plugin('messaging').service('conversations') as { findRecord(id: number): Promise<ThreadRecord | null> }).findRecord(Number(conversationId))) ?? null;
    if (!record || record.kind !== 'client') throw new NotFoundError(WINDOW_SENTENCES.threadNotFound);
    return record;
  }

  async function sitterOf(userId: number, mustBeActive: boolean): Promise<Sitter> {
    const sitter = (await people<SittersService>('sitters').byUserId()).get(userId);
    if (!sitter) throw new ValidationError(BOOKING_SENTENCES.sitterNotFound, { errors: [{ path: 'sitterId', message: BOOKING_SENTENCES.sitterNotFound }] });
    if (mustBeActive && !sitter.active) throw new ValidationError(BOOKING_SENTENCES.sitterInactive, { errors: [{ path: 'sitterId', message: BOOKING_SENTENCES.sitterInactive }] });
    return sitter;
  }

  const clientName = async (clientId: string | null | undefined): Promise<ClientView | null> => (clientId ? people<ClientsService>('clients').get(clientId).catch(() => null) : null);

  async function windowOr404(id: string): Promise<WindowRow> {
    const row = await windows().one(id);
    if (!row) throw new NotFoundError(WINDOW_SENTENCES.windowNotFound);
    return row;
  }

  const recordWindow = (actor: AuditActor, action: string, row: WindowRow, details: Record<string, unknown>) =>
    audit().record({ actor, action, entity: { type: 'assignment_window', id: row.documentId }, conversationId: String(row.conversationId), details: { ...windows().plain(row), ...details } });

  return {
    /** POST /assignments/windows */
    async createWindow(body: unknown, actor: AuditActor, preview: boolean) {
      const thread = await threadOf(locatorOf(body).conversationId);
      const input = parseInput(createWindowSchema, body);
      const sitter = await sitterOf(input.sitterId, true);
      const zone = input.timeZone ?? (await windows().organisationZone());
      // The thread's latest booking says what the window is for, unless the body says.
      const latest = (await strapi.db.query(BOOKING_UID).findOne({ where: { conversationId: String(thread.id) }, orderBy: [{ createdAt: 'desc' }] })) as BookingRow | null;
      const type = input.type ?? (latest ? ({ weekly: 'weekly_client', one_time: 'one_time_booking', meet_and_greet: 'meet_and_greet' } as const)[latest.kind] : 'one_time_booking');
      const client = await clientName(thread.clientId);
      const now = systemClock.now();
      return inTransaction(preview, async (onCommit) => {
        const [row] = await windows().insertAll(
          [{ conversationId: String(thread.id), clientId: thread.clientId ?? null, sitterId: sitter.userId, startsAt: input.startsAt, endsAt: input.endsAt, type, booking: null, timeZone: zone }],
          { operator: true, onCommit },
        );
        await recordWindow(actor, AUDIT_ACTIONS.windowCreate, row, {});
        const [view] = await windows().views([row], now);
        return {
          result: view,
          impact: windowImpact({ action: 'create', sitter: sitter.displayName, client: client?.name ?? 'the client', startsAt: input.startsAt, endsAt: input.endsAt, zone, active: false }),
        };
      });
    },

    /** PUT /assignments/windows/:id */
    async updateWindow(id: string, body: unknown, actor: AuditActor, preview: boolean) {
      const row = await windowOr404(id);
      const input = parseInput(updateWindowSchema, body ?? {});
      const startsAt = input.startsAt ?? new Date(row.startsAt);
      const endsAt = input.endsAt ?? new Date(row.endsAt);
      if (endsAt <= startsAt) throw new ValidationError(BOOKING_SENTENCES.endBeforeStart, { errors: [{ path: 'endsAt', message: BOOKING_SENTENCES.endBeforeStart }] });
      const sitter = await sitterOf(input.sitterId ?? Number(row.sitterId), input.sitterId !== undefined && input.sitterId !== Number(row.sitterId));
      const others = (await windows().onThread(String(row.conversationId))).filter((w) => w.documentId !== row.documentId).map(rangeOf);
      if (others.some((o) => o.startsAt < endsAt && startsAt < o.endsAt)) throw new ConflictError(WINDOW_SENTENCES.overlap, { conversationId: String(row.conversationId) });
      const client = await clientName(row.clientId);
      const now = systemClock.now();
      return inTransaction(preview, async (onCommit) => {
        const updated = await windows().update(row, { startsAt, endsAt, sitterId: sitter.userId, overlapping: false }, onCommit);
        await recordWindow(actor, AUDIT_ACTIONS.windowUpdate, updated, { before: windows().plain(row) });
        const [view] = await windows().views([updated], now);
        return { result: view, impact: windowImpact({ action: 'update', sitter: sitter.displayName, client: client?.name ?? 'the client', startsAt, endsAt, zone: row.timeZone || (await windows().organisationZone()), active: false }) };
      });
    },

    /** DELETE /assignments/windows/:id — an active window only with ?confirm=true (OPS §3.3 "Cannot delete active window without confirmation"). */
    async deleteWindow(id: string, confirm: boolean, actor: AuditActor, preview: boolean) {
      const row = await windowOr404(id);
      const now = systemClock.now();
      const active = new Date(row.startsAt) <= now && now < new Date(row.endsAt);
      if (active && !confirm && !preview) throw new ConflictError(WINDOW_SENTENCES.deleteActive, { confirm: 'Send the same request with ?confirm=true to delete it.', window: row.documentId });
      const sitter = (await people<SittersService>('sitters').byUserId()).get(Number(row.sitterId));
      const client = await clientName(row.clientId);
      return inTransaction(preview, async (onCommit) => {
        const [view] = await windows().views([row], now);
        await windows().remove(row, now, onCommit);
        await recordWindow(actor, AUDIT_ACTIONS.windowDelete, row, { active });
        return {
          result: view,
          impact: windowImpact({ action: 'delete', sitter: sitter?.displayName ?? 'The sitter', client: client?.name ?? 'the client', startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt), zone: row.timeZone || (await windows().organisationZone()), active }),
        };
      });
    },

    /**
     * POST /assignments/conflicts/resolve (OPS §3.3 "Assignment Conflicts View", README "Conflicts"): one window kept
     * live, the windows overlapping it removed, trimmed or split (`domain/conflict-plan.ts`), in one transaction with
     * one audit event; their transitions after commit (the kept window's start fires at once when it is active). A live
     * window active now whose access would end needs ?confirm=true (409 otherwise), as deleting one does.
     */
    async resolveConflict(body: unknown, confirm: boolean, actor: AuditActor, preview: boolean) {
      const locator = locatorOf(body);
      const thread = await threadOf(locator.conversationId);
      let keep: WindowRow | null = null;
      if (locator.keepWindowId) {
        keep = await windows().one(locator.keepWindowId);
        if (!keep || String(keep.conversationId) !== String(thread.id)) throw new NotFoundError(WINDOW_SENTENCES.windowNotFound);
      }
      const input = parseInput(resolveConflictSchema, body);
      keep = keep ?? (await windowOr404(input.keepWindowId));
      const now = systemClock.now();
      const onThread = await windows().onThread(String(thread.id));
      const planned = planConflictResolution(onThread.map((w) => ({ ...rangeOf(w), inert: Boolean(w.overlapping) })), keep.documentId, input.action, now);
      if (!planned.ok) throw new ConflictError(CONFLICT_SENTENCES[planned.refusal], { conversationId: String(thread.id), window: keep.documentId });
      const { plan } = planned;
      const sitters = await people<SittersService>('sitters').byUserId();
      const sitterName = (w: WindowRow) => sitters.get(Number(w.sitterId))?.displayName ?? `Sitter ${w.sitterId}`;
      const byId = new Map(onThread.map((w) => [w.documentId, w]));
      if (plan.endsNow.length > 0 && !confirm && !preview) {
        const names = [...new Set(plan.endsNow.map((id) => sitterName(byId.get(id)!)))].join(' and ');
        throw new ConflictError(CONFLICT_SENTENCES.confirm(names), { confirm: 'Send the same request with ?confirm=true to resolve it.', windows: plan.endsNow });
      }
      const client = await clientName(thread.clientId);
      const zone = keep.timeZone || (await windows().organisationZone());
      const names = new Map(onThread.map((w) => [w.documentId, { sitter: sitterName(w), startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) }]));
      const kept = keep;
      return inTransaction(preview, async (onCommit) => {
        const removed = plan.remove.map((id) => byId.get(id)!);
        for (const row of removed) await windows().remove(row, now, onCommit);
        const changed: WindowRow[] = [];
        for (const c of plan.change) changed.push(await windows().update(byId.get(c.id)!, { startsAt: c.startsAt, endsAt: c.endsAt, overlapping: false }, onCommit));
        const live = await windows().update(kept, { startsAt: plan.kept.startsAt, endsAt: plan.kept.endsAt, overlapping: false }, onCommit);
        const inserted = await windows().insertAll(
          plan.insert.map((i) => {
            const from = byId.get(i.from)!;
            return { conversationId: String(thread.id), clientId: from.clientId, sitterId: Number(from.sitterId), startsAt: i.startsAt, endsAt: i.endsAt, type: from.type, booking: from.booking, timeZone: from.timeZone || zone };
          }),
          { operator: true, onCommit },
        );
        await recordWindow(actor, AUDIT_ACTIONS.windowResolveConflict, live, {
          action: input.action,
          before: windows().plain(kept),
          removed: removed.map((w) => windows().plain(w)),
          changed: changed.map((w) => ({ before: windows().plain(byId.get(w.documentId)!), after: windows().plain(w) })),
          inserted: inserted.map((w) => ({ ...windows().plain(w), splitFrom: plan.insert.find((i) => +i.startsAt === +new Date(w.startsAt))?.from ?? null })),
          endedNow: plan.endsNow,
        });
        const result = [live, ...changed, ...inserted];
        return {
          result: {
            conversationId: String(thread.id),
            windows: await windows().views(result, now),
            confirmation: conflictConfirmation({ keep: sitterName(kept), client: client?.name ?? 'the client', kept: plan.kept, zone }),
          },
          impact: conflictImpact({ plan, keep: { sitter: sitterName(kept), startsAt: new Date(kept.startsAt), endsAt: new Date(kept.endsAt) }, windows: names, client: client?.name ?? 'the client', zone }),
        };
      });
    },

    /**
     * POST /assignments/assign (OPS §4.3): a booking written through the document service with operator semantics, so
     * the booking's rules hold (thread, number, windows, the reassignment message, the sitter's notice, its audit event).
     */
    async assign(body: unknown, actor: AuditActor, preview: boolean) {
      const locator = locatorOf(body);
      let clientId: string;
      if (locator.conversationId && !locator.clientId) {
        const thread = await threadOf(locator.conversationId);
        if (!thread.clientId) throw new NotFoundError(WINDOW_SENTENCES.threadNotFound);
        clientId = thread.clientId;
      } else {
        clientId = locator.clientId ?? '';
        if (clientId) await people<ClientsService>('clients').get(clientId);
      }
      const input = parseInput(assignSchema, body);
      const client = await people<ClientsService>('clients').get(clientId);
      const sitter = await sitterOf(input.sitterId, true);
      const kind = BOOKING_KIND_OF[input.type];
      const zone = input.timeZone ?? (await windows().organisationZone());
      let endsAt = input.endsAt;
      const recurrence = input.recurrence as { until?: unknown } | undefined;
      if (!endsAt && kind === 'weekly' && recurrence && typeof recurrence.until === 'string') {
        const end = DateTime.fromISO(recurrence.until, { zone }).plus({ days: 1 }).startOf('day');
        if (end.isValid) endsAt = end.toJSDate();
      }
      if (!endsAt) throw new ValidationError(WINDOW_INPUT_SENTENCES.endsAtRequired, { errors: [{ path: 'endsAt', message: WINDOW_INPUT_SENTENCES.endsAtRequired }] });
      const outcome: OperatorOutcome = { notes: [], reassignment: null };
      const now = systemClock.now();
      return inTransaction(preview, async () => {
        const booking = (await asOperator(outcome, () =>
          strapi.documents(BOOKING_UID as any).create({
            data: { kind, client: clientId, sitterId: sitter.userId, startsAt: input.startsAt.toISOString(), endsAt: endsAt!.toISOString(), timeZone: zone, ...(input.recurrence !== undefined ? { recurrence: input.recurrence } : {}) } as any,
          }),
        )) as unknown as BookingRow;
        const stored = (await strapi.db.query('plugin::assignments.window' as any).findMany({ where: { booking: booking.documentId }, orderBy: [{ startsAt: 'asc' }] })) as WindowRow[];
        const views = await windows().views(stored, now);
        const first = stored[0] ? new Date(stored[0].startsAt) : input.startsAt;
        const last = stored.length > 0 ? new Date(stored[stored.length - 1].endsAt) : endsAt!;
        const names = { sitter: sitter.displayName, client: client.name, startsAt: first, endsAt: last, zone };
        return {
          result: {
            booking: { id: booking.documentId, kind: booking.kind, client: booking.client, sitterId: booking.sitterId, startsAt: new Date(booking.startsAt).toISOString(), endsAt: new Date(booking.endsAt).toISOString(), timeZone: booking.timeZone, recurrence: booking.recurrence ?? null, status: booking.status, conversationId: booking.conversationId, numberE164: booking.numberE164, numberClass: booking.numberClass },
            conversationId: String(booking.conversationId),
            number: { e164: booking.numberE164, numberClass: booking.numberClass },
            windows: views,
            confirmation: assignConfirmation(names),
          },
          impact: assignImpact({ ...names, windows: stored.length, number: { e164: booking.numberE164!, numberClass: booking.numberClass! }, reassignment: outcome.reassignment, notes: outcome.notes }),
        };
      });
    },

    /** POST /assignments/threads/:conversationId/reassignment-message: `templates.reassignment` from the thread's number. */
    async sendReassignment(conversationId: string, actor: AuditActor, preview: boolean) {
      const thread = await threadOf(conversationId);
      const now = systemClock.now();
      const onThread = (await windows().onThread(String(thread.id))).filter((w) => !w.overlapping);
      const current = onThread.find((w) => new Date(w.startsAt) <= now && now < new Date(w.endsAt)) ?? onThread.filter((w) => new Date(w.startsAt) > now)[0] ?? onThread[onThread.length - 1];
      if (!current) throw new ConflictError(WINDOW_SENTENCES.noSitterOnThread);
      const sitter = (await people<SittersService>('sitters').byUserId()).get(Number(current.sitterId));
      const client = await clientName(thread.clientId);
      const text = renderReassignment((await getService(strapi, 'settings').get()).reassignmentTemplate, { clientFirstName: client?.firstName ?? 'there', sitterFirstName: firstNameOf(sitter?.displayName ?? '') });
      return inTransaction(preview, async () => {
        const message = await getService(strapi, 'booking-lifecycle').sendAutomated(thread.id, text, actor, 'Reassignment message sent by an operator');
        if (!message) throw new ConflictError('Messages cannot be sent from here yet. Try again after the update.');
        return { result: message, impact: [`Reassignment message will be sent: "${text}"`, `Send reassignment message to ${client?.name ?? 'the client'}?`] };
      });
    },
  };
};

export type OperationsService = ReturnType<typeof operations>;
export default operations;
