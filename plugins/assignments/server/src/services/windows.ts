import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ConflictError, publishDomainEvent } from '@switchboard/kit';
import type { ClientsService, OrganisationService, SittersService } from '@switchboard/people';
import type { AssignmentWindow, AssignmentWindowStatus, SitterWindow, WindowConflict, WindowType } from '../../../shared/contracts';
import { windowStatus, type TimeRange } from '../domain/windows';
import { BOOKING_KIND_OF, WINDOW_SENTENCES, conflictPairs, firstOverlap, planBookingWindows, syncBookingWindows, type BookingForWindows } from '../domain/window-plan';
import { clientLabelForSitter } from '../domain/sitter-notice';
import { EVENTS, PLUGIN, WINDOW_UID } from '../constants';
import { getService } from '../get-service';

/** A window as stored (table assignment_window). */
export interface WindowRow {
  id: number;
  documentId: string;
  conversationId: string;
  clientId: string | null;
  sitterId: number;
  startsAt: Date | string;
  endsAt: Date | string;
  type: WindowType;
  booking: string | null;
  timeZone: string | null;
  overlapping: boolean | null;
}

export interface NewWindow extends TimeRange {
  conversationId: string;
  clientId: string | null;
  sitterId: number;
  type: WindowType;
  booking?: string | null;
  timeZone: string;
}

/** A window on the time line with its id (for the domain functions). */
export const rangeOf = (row: WindowRow) => ({ id: row.documentId, conversationId: String(row.conversationId), sitterId: Number(row.sitterId), startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) });

type OnCommit = (callback: () => void) => void;

export interface WindowListQuery {
  page: number;
  pageSize: number;
  from?: Date;
  to?: Date;
  status?: AssignmentWindowStatus;
  sitterId?: number;
  clientId?: string;
  conversationId?: string;
}

/**
 * Assignment windows (API.md "Assignment windows", DOMAIN.md "Windows are half-open", "Overlaps"): this plugin's
 * table `assignment_window`. Every read and write goes through `strapi.db.query`, so inside a caller's transaction
 * (a booking write, a sitter's deactivation) it joins it. A status is computed on every read (`windowStatus`); a window
 * stored `overlapping` is inert: it never gives its sitter access.
 */
const windows = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(WINDOW_UID as any);
  const people = <T>(name: string) => strapi.plugin('people').service(name) as T;
  const transitions = () => getService(strapi, 'transitions');

  async function onThread(conversationId: string): Promise<WindowRow[]> {
    return (await rows().findMany({ where: { conversationId: String(conversationId) }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })) as WindowRow[];
  }

  /** Names for the views: clients by documentId, sitters by user id; a missing one reads as its id. */
  async function namesFor(found: WindowRow[]) {
    return { sitters: await people<SittersService>('sitters').byUserId(), clients: await clientsFor(found) };
  }

  /** The windows' clients by documentId (a client since removed reads as "Unknown client"). */
  async function clientsFor(found: WindowRow[]) {
    const clients = new Map<string, { name: string; firstName: string }>();
    for (const id of new Set(found.map((w) => w.clientId).filter((c): c is string => Boolean(c)))) {
      try {
        const c = await people<ClientsService>('clients').get(id);
        clients.set(id, { name: c.name, firstName: c.firstName });
      } catch {
        clients.set(id, { name: 'Unknown client', firstName: 'Client' });
      }
    }
    return clients;
  }

  /** Each window's status, with the other windows on its thread. */
  async function statusesOf(found: WindowRow[], now: Date): Promise<Map<string, AssignmentWindowStatus>> {
    const threads = new Map<string, WindowRow[]>();
    for (const conversationId of new Set(found.map((w) => String(w.conversationId)))) threads.set(conversationId, await onThread(conversationId));
    const statuses = new Map<string, AssignmentWindowStatus>();
    for (const w of found) {
      const others = (threads.get(String(w.conversationId)) ?? []).filter((o) => o.documentId !== w.documentId).map(rangeOf);
      const status = windowStatus(rangeOf(w), others, now);
      statuses.set(w.documentId, w.overlapping && status !== 'past' ? 'overlapping' : status);
    }
    return statuses;
  }

  async function views(found: WindowRow[], now: Date, statuses?: Map<string, AssignmentWindowStatus>): Promise<AssignmentWindow[]> {
    const { sitters, clients } = await namesFor(found);
    const status = statuses ?? (await statusesOf(found, now));
    return found.map((w) => ({
      id: w.documentId,
      conversationId: String(w.conversationId),
      client: { id: w.clientId ?? '', name: (w.clientId && clients.get(w.clientId)?.name) || 'Unknown client' },
      sitter: { id: Number(w.sitterId), displayName: sitters.get(Number(w.sitterId))?.displayName ?? `Sitter ${w.sitterId}` },
      ...(w.booking ? { bookingId: w.booking } : {}),
      type: w.type,
      startsAt: new Date(w.startsAt).toISOString(),
      endsAt: new Date(w.endsAt).toISOString(),
      timeZone: w.timeZone ?? '',
      status: status.get(w.documentId)!,
    }));
  }

  /** What a sitter reads for a client: first name + booking label, never a phone number. */
  async function labelsFor(found: WindowRow[]): Promise<Map<string, { displayName: string; firstName: string }>> {
    const clients = await clientsFor(found);
    const labels = new Map<string, { displayName: string; firstName: string }>();
    for (const w of found) {
      const firstName = (w.clientId && clients.get(w.clientId)?.firstName) || 'Client';
      labels.set(w.documentId, { firstName, displayName: clientLabelForSitter(firstName, BOOKING_KIND_OF[w.type] ?? 'one_time') });
    }
    return labels;
  }

  /**
   * Stores new windows on one thread. One that overlaps another window there: an operator's write is refused (409,
   * nothing written — the caller's transaction rolls back); anyone else's is stored `overlapping` (inert) and a
   * `window_conflict` event is published after commit. Every stored window's edges are scheduled after commit.
   */
  async function insertAll(news: NewWindow[], options: { operator: boolean; onCommit: OnCommit; ignore?: string[] }): Promise<WindowRow[]> {
    const stored: WindowRow[] = [];
    const byThread = new Map<string, WindowRow[]>();
    for (const n of news) {
      const key = String(n.conversationId);
      if (!byThread.has(key)) byThread.set(key, (await onThread(key)).filter((w) => !(options.ignore ?? []).includes(w.documentId)));
      const existing = byThread.get(key)!;
      const hit = firstOverlap(n, existing.map((w) => ({ ...rangeOf(w), row: w })));
      if (hit && options.operator) throw new ConflictError(WINDOW_SENTENCES.overlap, { conversationId: key, window: hit.window.id, overlap: { startsAt: hit.overlap.startsAt.toISOString(), endsAt: hit.overlap.endsAt.toISOString() } });
      const row = (await rows().create({
        data: {
          conversationId: key,
          clientId: n.clientId,
          sitterId: n.sitterId,
          startsAt: n.startsAt,
          endsAt: n.endsAt,
          type: n.type,
          booking: n.booking ?? null,
          timeZone: n.timeZone,
          overlapping: Boolean(hit),
        },
      })) as WindowRow;
      existing.push(row);
      stored.push(row);
      if (hit) {
        const other = hit.window.row;
        options.onCommit(() => {
          void publishDomainEvent(strapi, {
            type: EVENTS.windowConflict,
            source: PLUGIN,
            at: new Date().toISOString(),
            subject: { type: 'assignment_window', id: row.documentId },
            conversationId: key,
            data: {
              conversationId: key,
              windows: [plain(row), plain(other)],
              overlap: { startsAt: hit.overlap.startsAt.toISOString(), endsAt: hit.overlap.endsAt.toISOString() },
            },
          });
        });
      }
    }
    if (stored.length > 0) options.onCommit(() => void transitions().schedule(stored.map(rangeOf)));
    return stored;
  }

  const plain = (w: WindowRow) => ({
    id: w.documentId,
    conversationId: String(w.conversationId),
    sitterId: Number(w.sitterId),
    bookingId: w.booking ?? null,
    startsAt: new Date(w.startsAt).toISOString(),
    endsAt: new Date(w.endsAt).toISOString(),
    overlapping: Boolean(w.overlapping),
  });

  /** Ends windows at `now` (their sitter loses the thread at once, on every node, after commit). */
  async function endNow(found: WindowRow[], now: Date, onCommit: OnCommit): Promise<void> {
    for (const w of found) await rows().update({ where: { id: w.id }, data: { endsAt: now } });
    if (found.length > 0) onCommit(() => void transitions().endedNow(found.map((w) => ({ ...rangeOf(w), endsAt: now }))));
  }

  return {
    onThread,
    views,
    labelsFor,
    insertAll,
    plain,

    async one(documentId: string): Promise<WindowRow | null> {
      return (await rows().findOne({ where: { documentId } })) as WindowRow | null;
    },

    async update(row: WindowRow, change: Partial<Pick<WindowRow, 'startsAt' | 'endsAt' | 'sitterId' | 'overlapping'>>, onCommit: OnCommit): Promise<WindowRow> {
      const updated = (await rows().update({ where: { id: row.id }, data: change })) as WindowRow;
      onCommit(() => void transitions().schedule([rangeOf(updated)]));
      // A window moved away from now: its sitter loses the thread at once.
      const now = systemClock.now();
      const wasActive = new Date(row.startsAt) <= now && now < new Date(row.endsAt) && !row.overlapping;
      const isActive = new Date(updated.startsAt) <= now && now < new Date(updated.endsAt) && !updated.overlapping && Number(updated.sitterId) === Number(row.sitterId);
      if (wasActive && !isActive) onCommit(() => void transitions().endedNow([{ ...rangeOf(row), endsAt: now }]));
      return updated;
    },

    async remove(row: WindowRow, now: Date, onCommit: OnCommit): Promise<void> {
      await rows().delete({ where: { id: row.id } });
      const wasActive = new Date(row.startsAt) <= now && now < new Date(row.endsAt) && !row.overlapping;
      if (wasActive) onCommit(() => void transitions().endedNow([{ ...rangeOf(row), endsAt: now }]));
    },

    /**
     * A booking write's windows, in its transaction (README "Windows of a booking"): planned from the booking, what
     * has not started replaced, the active one kept, trimmed or ended, the new ones stored (overlaps as above).
     */
    async syncBooking(input: { bookingId: string; booking: BookingForWindows; conversationId: string; clientId: string; isCreate: boolean; operator: boolean; now: Date; onCommit: OnCommit }) {
      const { bookingId, booking, now } = input;
      const stored = (await rows().findMany({ where: { booking: bookingId } })) as WindowRow[];
      const { windows: planned, notes } = planBookingWindows(booking, now);
      const sync = syncBookingWindows(stored.map(rangeOf), planned, { conversationId: input.conversationId, sitterId: booking.sitterId }, now, input.isCreate);
      const byId = new Map(stored.map((w) => [w.documentId, w]));
      const removed = sync.remove.map((id) => byId.get(id)!);
      if (removed.length > 0) await rows().deleteMany({ where: { id: { $in: removed.map((w) => w.id) } } });
      const endedNow: WindowRow[] = [];
      for (const change of sync.reEnd) {
        const row = byId.get(change.id)!;
        if (+change.endsAt === +now) endedNow.push(row);
        else {
          await rows().update({ where: { id: row.id }, data: { endsAt: change.endsAt } });
          input.onCommit(() => void transitions().schedule([{ ...rangeOf(row), endsAt: change.endsAt }]));
        }
      }
      await endNow(endedNow, now, input.onCommit);
      const inserted =
        booking.sitterId === null
          ? []
          : await insertAll(
              sync.insert.map((r) => ({
                ...r,
                conversationId: input.conversationId,
                clientId: input.clientId,
                sitterId: booking.sitterId!,
                type: (({ weekly: 'weekly_client', one_time: 'one_time_booking', meet_and_greet: 'meet_and_greet' }) as const)[booking.kind],
                booking: bookingId,
                timeZone: booking.timeZone,
              })),
              { operator: input.operator, onCommit: input.onCommit, ignore: [...sync.remove] },
            );
      return { inserted, notes, removed: removed.length, ended: endedNow.length };
    },

    /** A deleted booking: its windows that had not started go, the active one ends now; past ones stay as history. */
    async endBooking(bookingId: string, now: Date, onCommit: OnCommit): Promise<void> {
      const stored = (await rows().findMany({ where: { booking: bookingId, endsAt: { $gt: now } } })) as WindowRow[];
      const future = stored.filter((w) => new Date(w.startsAt) > now);
      if (future.length > 0) await rows().deleteMany({ where: { id: { $in: future.map((w) => w.id) } } });
      await endNow(
        stored.filter((w) => new Date(w.startsAt) <= now),
        now,
        onCommit,
      );
    },

    /** OPS §4.2 before it happens: the sitter's windows that deactivation would close. */
    async sitterWindowsOpen(sitterUserId: number, now: Date): Promise<{ activeWindows: number; futureWindows: number }> {
      const open = (await rows().findMany({ where: { sitterId: sitterUserId, endsAt: { $gt: now } } })) as WindowRow[];
      const active = open.filter((w) => new Date(w.startsAt) <= now).length;
      return { activeWindows: active, futureWindows: open.length - active };
    },

    /** OPS §4.2 "Closes active assignment windows": active ones end now, future ones go; joins the caller's transaction. */
    async closeSitterWindows(sitterUserId: number, now: Date): Promise<number> {
      return strapi.db.transaction(async ({ onCommit }) => {
        const open = (await rows().findMany({ where: { sitterId: sitterUserId, endsAt: { $gt: now } } })) as WindowRow[];
        const future = open.filter((w) => new Date(w.startsAt) > now);
        if (future.length > 0) await rows().deleteMany({ where: { id: { $in: future.map((w) => w.id) } } });
        await endNow(
          open.filter((w) => new Date(w.startsAt) <= now),
          now,
          onCommit,
        );
        return open.length;
      });
    },

    /** GET /assignments/windows: filters, then the computed status, then the page; earliest start first. */
    async list(query: WindowListQuery, now: Date) {
      const where: Record<string, unknown> = {
        ...(query.sitterId ? { sitterId: query.sitterId } : {}),
        ...(query.clientId ? { clientId: query.clientId } : {}),
        ...(query.conversationId ? { conversationId: query.conversationId } : {}),
        ...(query.from ? { endsAt: { $gt: query.from } } : {}),
        ...(query.to ? { startsAt: { $lt: query.to } } : {}),
      };
      let found = (await rows().findMany({ where, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })) as WindowRow[];
      const statuses = await statusesOf(found, now);
      if (query.status) found = found.filter((w) => statuses.get(w.documentId) === query.status);
      const total = found.length;
      const page = found.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      return {
        data: await views(page, now, statuses),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /** GET /assignments/conflicts: every pair of windows on one thread that overlap and have not both ended. */
    async conflicts(now: Date): Promise<WindowConflict[]> {
      const open = (await rows().findMany({ where: { endsAt: { $gt: now } }, orderBy: [{ startsAt: 'asc' }] })) as WindowRow[];
      const byThread = new Map<string, WindowRow[]>();
      for (const w of open) byThread.set(String(w.conversationId), [...(byThread.get(String(w.conversationId)) ?? []), w]);
      const result: WindowConflict[] = [];
      for (const [conversationId, list] of byThread) {
        const rowsById = new Map(list.map((w) => [w.documentId, w]));
        for (const pair of conflictPairs(list.map(rangeOf))) {
          const [a, b] = await views([rowsById.get(pair.windows[0].id)!, rowsById.get(pair.windows[1].id)!], now);
          result.push({ conversationId, windows: [a, b], overlap: { startsAt: pair.overlap.startsAt.toISOString(), endsAt: pair.overlap.endsAt.toISOString() } });
        }
      }
      return result;
    },

    /** GET /api/assignments/windows (a sitter): their own windows, the client as "Casey · Weekly visits", never a phone. */
    async ofSitter(sitterUserId: number, range: { from?: Date; to?: Date }, now: Date): Promise<SitterWindow[]> {
      const found = (await rows().findMany({
        where: { sitterId: sitterUserId, ...(range.from ? { endsAt: { $gt: range.from } } : {}), ...(range.to ? { startsAt: { $lt: range.to } } : {}) },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      })) as WindowRow[];
      const labels = await labelsFor(found);
      const statuses = await statusesOf(found, now);
      return found.map((w) => ({
        id: w.documentId,
        conversationId: String(w.conversationId),
        client: { displayName: labels.get(w.documentId)!.displayName },
        startsAt: new Date(w.startsAt).toISOString(),
        endsAt: new Date(w.endsAt).toISOString(),
        timeZone: w.timeZone ?? '',
        status: statuses.get(w.documentId)!,
      }));
    },

    /** Windows of a sitter (or of a thread) that give access at `now`: started, not ended, not `overlapping`. */
    async activeAt(where: { sitterId?: number; conversationId?: string }, now: Date): Promise<WindowRow[]> {
      return (await rows().findMany({
        where: { ...where, startsAt: { $lte: now }, endsAt: { $gt: now }, $or: [{ overlapping: false }, { overlapping: { $null: true } }] },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      })) as WindowRow[];
    },

    async ofSitterOnThread(sitterUserId: number, conversationId: string): Promise<WindowRow[]> {
      return (await rows().findMany({ where: { sitterId: sitterUserId, conversationId: String(conversationId) }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })) as WindowRow[];
    },

    /**
     * Each thread's assignment at `now` (messaging's thread-assignments port): its earliest window not ended and not
     * stored `overlapping` — the active one, else the next to start (live windows on a thread never overlap). One
     * query; `conversationIds` limits it to those threads, `sitterId` keeps the threads whose assignment is theirs.
     */
    async assignmentsAt(filter: { conversationIds?: string[]; sitterId?: number }, now: Date): Promise<Array<{ conversationId: string; documentId: string; sitterId: number; startsAt: Date; endsAt: Date }>> {
      if (filter.conversationIds && filter.conversationIds.length === 0) return [];
      const knex = strapi.db.connection;
      const first = knex('assignment_window')
        .distinctOn('conversation_id')
        .select('conversation_id', 'document_id', 'sitter_id', 'starts_at', 'ends_at')
        .where('ends_at', '>', now)
        .andWhereRaw('overlapping IS NOT TRUE')
        .orderBy([{ column: 'conversation_id' }, { column: 'starts_at' }, { column: 'id' }]);
      if (filter.conversationIds) first.whereIn('conversation_id', filter.conversationIds);
      const q = knex.select('*').from(first.as('a'));
      if (filter.sitterId !== undefined) q.where('a.sitter_id', filter.sitterId);
      const found = (await q) as Array<{ conversation_id: string; document_id: string; sitter_id: number; starts_at: Date; ends_at: Date }>;
      return found.map((r) => ({ conversationId: String(r.conversation_id), documentId: r.document_id, sitterId: Number(r.sitter_id), startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
    },

    /** Every window not yet ended: their edges are (re)scheduled at boot. */
    /**
     * The thread's windows as routing reads them (issue 17): every window, past, active or future, with its sitter's
     * name and whether it is stored `overlapping` (inert), earliest start first.
     */
    async routingWindows(conversationId: string): Promise<Array<{ id: string; sitterId: number; sitterName: string; startsAt: Date; endsAt: Date; overlapping: boolean }>> {
      const found = await onThread(conversationId);
      if (found.length === 0) return [];
      const { sitters } = await namesFor(found);
      return found.map((w) => ({
        id: w.documentId,
        sitterId: Number(w.sitterId),
        sitterName: sitters.get(Number(w.sitterId))?.displayName ?? `Sitter ${w.sitterId}`,
        startsAt: new Date(w.startsAt),
        endsAt: new Date(w.endsAt),
        overlapping: Boolean(w.overlapping),
      }));
    },

    /**
     * Windows whose start (or end) falls in (from, to], not stored overlapping (an inert window never starts): what an
     * automation with a window trigger and an offset looks for (automations' minute sweep).
     */
    async edgesBetween(edge: 'start' | 'end', from: Date, to: Date): Promise<WindowRow[]> {
      const field = edge === 'start' ? 'startsAt' : 'endsAt';
      return (await rows().findMany({
        where: { [field]: { $gt: from, $lte: to }, $or: [{ overlapping: false }, { overlapping: { $null: true } }] },
        orderBy: [{ [field]: 'asc' }, { id: 'asc' }],
        limit: 1000,
      })) as WindowRow[];
    },

    async notEnded(now: Date): Promise<WindowRow[]> {
      return (await rows().findMany({ where: { endsAt: { $gt: now } } })) as WindowRow[];
    },

    async organisationZone(): Promise<string> {
      return (await people<OrganisationService>('organisation').get()).timeZone;
    },
  };
};

export type WindowsService = ReturnType<typeof windows>;
export default windows;
