import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { defaults, systemClock } from '@switchboard/config';
import { canSeeConversation, conversationTitle, visibleKinds, type ConversationRecord, type Viewer } from '../domain/viewer';
import { shapeMessage, type MessageView, type StoredMessage } from '../domain/message-view';
import type { StaffConversationQuery } from '../domain/message-input';
import { containsPattern, phoneDigits } from '../domain/staff-inbox';
import { STAFF_READER_PATTERN } from '../domain/seen-by-staff';
import type { Conversation } from '../../../shared/contracts';
import { staffActor } from '@switchboard/audit';
import { AUDIT_ACTIONS } from '../constants';
import { auditLog, getService, numbersLookup, peopleClients } from '../get-service';
import { ForbiddenError, NotFoundError, ValidationError, compiledOnce, preparedRaw } from '@switchboard/kit';
import type { SitterThreadAccess } from '../domain/sitter-access';
import type { TalliedCounts } from '../domain/unread-tally';
import { answerStanding, sitterClientParts, sitterMaySee } from '../domain/sitter-view';
import { assignmentView, type ThreadAssignment } from '../domain/thread-assignments';
import type { ThreadOverride } from '../domain/routing-port';

/** API.md `Conversation`: the shared contract the web app and the admin pages read. */
export type ConversationView = Conversation;

interface ConversationRow {
  id: number;
  kind: ConversationRecord['kind'];
  business_id: number | null;
  va_user_id: number | null;
  sitter_user_id: number | null;
  visibility_policy: { businessVisible?: boolean } | string | null;
  last_message_id: string | null;
  last_activity_at: Date;
  client_phone: string | null;
  business_number: string | null;
  client_id: string | null;
  via_quarantined_number: boolean | null;
  unmapped_pool_sender: boolean | null;
}

const COLUMNS = ['c.id', 'c.kind', 'c.business_id', 'c.va_user_id', 'c.sitter_user_id', 'c.visibility_policy', 'c.last_message_id', 'c.last_activity_at', 'c.client_phone', 'c.business_number', 'c.client_id', 'c.via_quarantined_number', 'c.unmapped_pool_sender'];

/** API.md: a conversation the caller may not see answers exactly as one that does not exist. */
const notVisible = () => new NotFoundError('That conversation does not exist, or you do not have access to it.');

/**
 * A message `m` is unread by reader R in conversation C when someone else sent it after R's read mark: the one
 * definition, for the counts and for the staff inbox's unread filter. Arguments are SQL expressions.
 */
/**
 * A conversation's unread count stops at this (every badge shows "99+" past 99): counting stops there, so the cost of
 * a count — paid for every viewer on every send — does not grow with a thread nobody reads.
 */
export const UNREAD_COUNT_CAP = 100;

/** How old the record a send checks may be (not for client threads): the directory's and the socket standing's bound. */
export const SEND_TARGET_TTL_MS = 2_000;

export const unreadBy = (conversation: string, reader: string) =>
  `m.conversation_id = ${conversation} AND m.sender_key <> ${reader} AND m.ordering_key > COALESCE(
     (SELECT r.last_read_message_id FROM conversation_read r WHERE r.conversation_id = ${conversation} AND r.reader_key = ${reader}), 0)`;

/** A (conversation, reader) pair whose unread count is asked; `hideSystem`: a sitter reading a client thread. */
export interface ReaderPair {
  conversationId: number;
  readerKey: string;
  hideSystem?: boolean;
}

/**
 * Unread counts by `conversationId:readerKey` and the Admin team's read mark by conversation (when it was asked);
 * `last`: each conversation's last message in the same snapshot, when the statement ran alone (the counts are exact
 * as of it: domain/unread-tally.ts).
 */
export interface CountedPairs extends TalliedCounts {
  last?: Map<number, string>;
}

/** What a send counted in its own statement for the viewers it knew of, and whether it asked the staff read mark. */
export interface KnownCounts {
  counts: CountedPairs;
  withStaffSeen: boolean;
}

/**
 * The counting statement, one text for every caller: each pair's unread count (at most UNREAD_COUNT_CAP) and, with
 * `withStaffSeen`, how far the Admin team has read each conversation (asked on its first pair only). unreadAndSeen
 * runs it alone; a send runs it inside its own statement (message-store `appendAtomically`, issue 24).
 */
export function countedPairs(pairs: ReaderPair[], withStaffSeen: boolean): { sql: string; bindings: unknown[] } {
  const firstOf = new Set<number>();
  const rowsIn = pairs.map((p) => {
    const first = !firstOf.has(p.conversationId);
    firstOf.add(p.conversationId);
    return {
      conversation_id: p.conversationId,
      reader_key: p.readerKey,
      ...(p.hideSystem ? { hide_system: true } : {}),
      ...(first && withStaffSeen ? { ask_seen: true } : {}),
      ...(first ? { first: true } : {}),
    };
  });
  return {
    sql: `SELECT p.conversation_id, p.reader_key, (SELECT count(*) FROM (SELECT 1 FROM message m WHERE ${unreadBy('p.conversation_id', 'p.reader_key')}
              AND NOT (p.hide_system IS TRUE AND m.route_type = 'SYSTEM') LIMIT ${UNREAD_COUNT_CAP}) capped) AS n,
              CASE WHEN p.ask_seen THEN (SELECT max(r.last_read_message_id) FROM conversation_read r
                                          WHERE r.conversation_id = p.conversation_id AND r.reader_key LIKE ?) END AS seen,
              CASE WHEN p.first THEN (SELECT c.last_message_id::text FROM conversation c WHERE c.id = p.conversation_id) END AS last
         FROM json_to_recordset(?::json) AS p(conversation_id integer, reader_key text, hide_system boolean, ask_seen boolean, first boolean)`,
    bindings: [STAFF_READER_PATTERN, JSON.stringify(rowsIn)],
  };
}

/**
 * countedPairs' rows as counts. `sentBy`: the rows were counted inside a send's statement, which does not see its own
 * insert, so every reader but its sender has that one more unread (still at most UNREAD_COUNT_CAP).
 */
export function countsOf(rows: { conversation_id: unknown; reader_key: unknown; n: unknown; seen?: unknown; last?: unknown }[], sentBy?: string): CountedPairs {
  const seen = new Map<number, string>();
  const unread = new Map<string, number>();
  const last = new Map<number, string>();
  for (const r of rows) {
    if (r.seen !== null && r.seen !== undefined) seen.set(Number(r.conversation_id), String(r.seen));
    if (r.last !== null && r.last !== undefined) last.set(Number(r.conversation_id), String(r.last));
    const mine = sentBy !== undefined && r.reader_key !== sentBy ? 1 : 0;
    unread.set(`${r.conversation_id}:${r.reader_key}`, Math.min(Number(r.n) + mine, UNREAD_COUNT_CAP));
  }
  return { unread, seen, last };
}

/** One conversation per (kind, VA, business), and per sitter for admin_sitter (`admin_sitter:sitter:<id>`). */
export const uniqueConversationKey = (kind: string, vaUserId: number | null, businessId: number | null, sitterUserId: number | null = null) =>
  sitterUserId !== null ? `${kind}:sitter:${sitterUserId}` : `${kind}:${vaUserId ?? '-'}:${businessId ?? '-'}`;

/** What getOrCreate makes: a kind and its members (a sitter only for admin_sitter). */
export interface ConversationSpec {
  kind: ConversationRecord['kind'];
  vaUserId: number | null;
  businessId: number | null;
  sitterUserId?: number | null;
}


/** What staff read of a client thread beyond the thread itself: its sitter, its override, its open violations. */
interface StaffThreadExtras {
  assignment?: ThreadAssignment;
  override?: ThreadOverride;
  openViolations?: number;
  failedDeliveries?: number;
}

const conversations = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const directory = () => getService(strapi, 'directory');
  const audit = () => auditLog(strapi);
  const store = () => getService(strapi, 'message-store');
  const readState = () => getService(strapi, 'read-state');
  const sitterAccess = () => getService(strapi, 'sitter-access');
  const routing = () => getService(strapi, 'routing');
  const policy = () => getService(strapi, 'policy');
  const deliveryFailures = () => getService(strapi, 'delivery-failures');
  const threadAssignments = () => getService(strapi, 'thread-assignments');

  async function toRecords(rows: ConversationRow[]): Promise<ConversationRecord[]> {
    const businessNames = await directory().businessNames(rows.flatMap((r) => (r.business_id ? [r.business_id] : [])));
    const vaNames = await directory().vaNames(rows.flatMap((r) => (r.va_user_id ? [r.va_user_id] : [])));
    const sitterNames = await directory().sitterNames(rows.flatMap((r) => (r.sitter_user_id ? [r.sitter_user_id] : [])));
    const clientRows = rows.filter((r) => r.kind === 'client');
    const clients = await peopleClients(strapi).byIds(clientRows.flatMap((r) => (r.client_id ? [r.client_id] : [])));
    const numbers = await numbersLookup(strapi).byE164(clientRows.flatMap((r) => (r.business_number ? [r.business_number] : [])));
    return rows.map((r) => {
      const policy = typeof r.visibility_policy === 'string' ? JSON.parse(r.visibility_policy) : r.visibility_policy;
      return {
        id: r.id,
        kind: r.kind,
        businessId: r.business_id,
        businessName: r.business_id ? businessNames.get(r.business_id) ?? null : null,
        vaUserId: r.va_user_id,
        vaName: r.va_user_id ? vaNames.get(r.va_user_id) ?? null : null,
        sitterUserId: r.sitter_user_id,
        sitterName: r.sitter_user_id ? sitterNames.get(r.sitter_user_id) ?? null : null,
        businessVisible: Boolean(policy?.businessVisible),
        clientPhone: r.client_phone,
        businessNumber: r.business_number,
        clientId: r.client_id,
        clientName: r.client_id ? clients.get(r.client_id)?.name ?? null : null,
        number: r.business_number ? numbers.get(r.business_number) ?? null : null,
        viaQuarantinedNumber: Boolean(r.via_quarantined_number),
        unmappedPoolSender: Boolean(r.unmapped_pool_sender),
        lastActivityAt: r.last_activity_at,
        lastMessageId: r.last_message_id === null ? null : String(r.last_message_id),
      };
    });
  }

  /** The sitters who have an Admin team thread (for the staff search by name). */
  async function sitterUserIds(): Promise<number[]> {
    const rows = await knex()('conversation').distinct('sitter_user_id').whereNotNull('sitter_user_id');
    return rows.map((r: { sitter_user_id: number }) => r.sitter_user_id);
  }

  /** findRecord's statement, compiled by knex once. */
  const findRecordStatement = compiledOnce(['id'], ({ id }) => knex()('conversation as c').select(COLUMNS).where('c.id', id).limit(1));

  /** One conversation's row (null when there is none); `db` is the caller's transaction when it must see its writes. */
  async function findRow(id: number, db: Knex | Knex.Transaction = knex()): Promise<ConversationRow | null> {
    if (db !== knex()) return (await db('conversation as c').select(COLUMNS).where('c.id', id).first()) ?? null;
    // Outside a transaction, a named prepared statement: every send asked this (issue 24).
    const { sql, bindings } = findRecordStatement({ id });
    return (await preparedRaw(knex(), sql, bindings)).rows[0] ?? null;
  }

  /** One conversation; `db` is the caller's transaction when it must see that transaction's writes. */
  async function findRecord(id: number, db: Knex | Knex.Transaction = knex()): Promise<ConversationRecord | null> {
    const row = await findRow(id, db);
    return row ? (await toRecords([row]))[0] : null;
  }

  /**
   * Conversations a send went to (never a client thread), by id: the row as first read, and the record built from it
   * at `builtAt`. See sendTarget.
   */
  const sendTargets = new Map<number, { row: ConversationRow; builtAt: number; record: ConversationRecord }>();

  /**
   * The conversation a send goes to. A conversation that is not a client thread never changes but for its last
   * message (its kind, members and visibility make its unique key and are written once; only client threads are ever
   * updated), so its row is read once per node and kept; its names come from the directory, at most
   * SEND_TARGET_TTL_MS old, as the directory's own are (issue 24: every send read the row, and the conversation it
   * answers carries a last message that may be older than the send's, as it could before). A client thread (numbers,
   * client, sitters) is read every time. A send that finds the conversation gone forgets it (forgetSendTarget).
   */
  async function sendTarget(id: number): Promise<ConversationRecord | null> {
    const now = Date.now();
    const known = sendTargets.get(id);
    if (known && now - known.builtAt < SEND_TARGET_TTL_MS) return known.record;
    const row = known?.row ?? (await findRow(id));
    if (!row || row.kind === 'client') {
      sendTargets.delete(id);
      return row ? (await toRecords([row]))[0] : null;
    }
    const record = (await toRecords([row]))[0];
    if (!known && sendTargets.size >= 10_000) sendTargets.clear();
    sendTargets.set(id, { row, builtAt: now, record });
    return record;
  }

  /**
   * The conversation if this viewer may see it; otherwise 404, exactly as if it did not exist. A sitter sees a client
   * thread only while the sitter-access port says a window of theirs is active, asked now, every time (API.md "Sitters
   * in the app"); `purpose: 'send'` turns a window that is not active into 403 naming the next one. Every other
   * viewer and kind is the synchronous table of domain/viewer.ts, without a question to the port. `access` is the
   * sitter's (their label for the client, their window) when a sitter reads a client thread.
   */
  async function visibleThread(viewer: Viewer, id: unknown, purpose: 'read' | 'send' = 'read'): Promise<{ record: ConversationRecord; access?: SitterThreadAccess }> {
    // Only a string or a number names a conversation: an array or object is never coerced into one.
    const n = typeof id === 'number' ? id : typeof id === 'string' && /^[1-9]\d{0,9}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(n) || n > 2_147_483_647) throw notVisible();
    const record = purpose === 'send' ? await sendTarget(n) : await findRecord(n);
    if (!record) throw notVisible();
    if (viewer.kind === 'sitter' && record.kind === 'client') return { record, access: await sitterAccessTo(viewer, record, purpose) };
    if (!canSeeConversation(viewer, record)) throw notVisible();
    return { record };
  }

  /** visibleThread's record alone. */
  const visibleRecord = async (viewer: Viewer, id: unknown, purpose: 'read' | 'send' = 'read'): Promise<ConversationRecord> =>
    (await visibleThread(viewer, id, purpose)).record;

  /** A sitter's access to a client thread now, or the refusal (404; 403 with `details.nextWindow` for a send). */
  async function sitterAccessTo(viewer: Extract<Viewer, { kind: 'sitter' }>, record: ConversationRecord, purpose: 'read' | 'send' = 'read'): Promise<SitterThreadAccess> {
    const answer = answerStanding(await sitterAccess().standing(viewer.userId, record.id), purpose);
    if (answer.allowed) return answer.access;
    if (answer.status === 403) throw new ForbiddenError(answer.message, answer.details);
    throw notVisible();
  }

  /**
   * Unread counts of (conversation, reader) pairs, in one query: `conversationId:readerKey` → count, at most
   * UNREAD_COUNT_CAP (shown "99+"), so a send costs the same with 100 or 100,000 unread (issue 24). `hideSystem`: a
   * sitter reading a client thread, who never sees its staff-only SYSTEM notes (domain/sitter-view.ts), so they never count.
   */
  async function unreadCounts(pairs: ReaderPair[]): Promise<Map<string, number>> {
    return (await unreadAndSeen(pairs, false)).unread;
  }

  /**
   * unreadCounts, and with `withStaffSeen` how far the Admin team has read each conversation (read-state's
   * staffSeenUpTo), in the same statement: a send's conversation:updated asks the database once.
   */
  async function unreadAndSeen(pairs: ReaderPair[], withStaffSeen: boolean): Promise<CountedPairs> {
    if (pairs.length === 0) return { unread: new Map(), seen: new Map(), last: new Map() };
    // A named prepared statement: planned once per connection, not at every send (issue 24).
    const { sql, bindings } = countedPairs(pairs, withStaffSeen);
    return countsOf((await preparedRaw(knex(), sql, bindings)).rows);
  }

  /**
   * The records as this viewer reads them. A sitter's client threads need the access the port gave (`access`, by
   * conversation id): without it a client thread is left out, never shown in another shape.
   */
  async function views(viewer: Viewer, records: ConversationRecord[], access: Map<number, SitterThreadAccess> = new Map()): Promise<ConversationView[]> {
    const shown = viewer.kind === 'sitter' ? records.filter((r) => r.kind !== 'client' || access.has(r.id)) : records;
    const lastById = await store().findByIds(shown.flatMap((r) => (r.lastMessageId ? [r.lastMessageId] : [])));
    const { unread, seen } = await unreadAndSeen(
      shown.map((r) => ({ conversationId: r.id, readerKey: viewer.key, hideSystem: viewer.kind === 'sitter' && r.kind === 'client' })),
      viewer.kind !== 'staff',
    );
    // Staff read each client thread's assigned sitter: one question to the port for the whole page.
    const clientIds = shown.filter((r) => r.kind === 'client').map((r) => r.id);
    const assignments = viewer.kind === 'staff' ? await threadAssignments().assignmentsOf(clientIds) : new Map<number, ThreadAssignment>();
    // And each one's routing override (flags.override) and open violations: one question to each port for the page.
    const overrides = viewer.kind === 'staff' ? await routing().overridesOf(clientIds) : new Map<number, ThreadOverride>();
    const violations = viewer.kind === 'staff' ? await policy().openViolationsOf(clientIds) : new Map<number, number>();
    const failures = viewer.kind === 'staff' ? await deliveryFailures().openFailuresOf(clientIds) : new Map<number, number>();
    return shown.map((r) =>
      conversationView(viewer, r, r.lastMessageId ? lastById.get(String(r.lastMessageId)) : undefined, unread.get(`${r.id}:${viewer.key}`) ?? 0, seen.get(r.id), access.get(r.id), {
        assignment: assignments.get(r.id),
        override: overrides.get(r.id),
        openViolations: violations.get(r.id) ?? 0,
        failedDeliveries: failures.get(r.id) ?? 0,
      }),
    );
  }

  function conversationView(
    viewer: Viewer,
    r: ConversationRecord,
    last: StoredMessage | undefined,
    unreadCount: number,
    seen?: string,
    access?: SitterThreadAccess,
    staff: StaffThreadExtras = {},
  ): ConversationView {
    const { assignment, override, openViolations = 0, failedDeliveries = 0 } = staff;
    if (viewer.kind === 'sitter' && r.kind === 'client' && access) return sitterClientView(viewer, r, last, unreadCount, access);
    return {
      id: String(r.id),
      kind: r.kind,
      title: conversationTitle(viewer, r),
      ...(r.businessId ? { businessId: String(r.businessId) } : {}),
      ...(last ? { lastMessage: shapeMessage(last, viewer) } : {}),
      unreadCount,
      updatedAt: new Date(r.lastActivityAt).toISOString(),
      ...(viewer.kind === 'staff' && r.kind === 'client' ? clientParts(r, override, openViolations, failedDeliveries) : {}),
      ...(viewer.kind === 'staff' && r.kind === 'client' && assignment ? { assignment: assignmentView(assignment) } : {}),
      ...readState().seenField(viewer, r, seen),
    };
  }

  /** API.md "Sitters in the app": the client as its label, the active window, and nothing of the numbers. */
  function sitterClientView(viewer: Viewer, r: ConversationRecord, last: StoredMessage | undefined, unreadCount: number, access: SitterThreadAccess): ConversationView {
    return {
      id: String(r.id),
      kind: r.kind,
      title: access.clientDisplayName,
      ...(last && sitterMaySee(last, access.sitterUserId) ? { lastMessage: shapeMessage(last, viewer, access.clientDisplayName) } : {}),
      unreadCount,
      updatedAt: new Date(r.lastActivityAt).toISOString(),
      ...sitterClientParts(access),
    };
  }

  /** API.md "Shapes (additions)": a client thread's client and business number, for staff. */
  function clientParts(r: ConversationRecord, override: ThreadOverride | undefined, openViolations: number, failedDeliveries: number): Pick<ConversationView, 'client' | 'number' | 'flags'> {
    const phone = r.clientPhone ?? '';
    return {
      client: r.clientId ? { id: r.clientId, name: r.clientName || phone, phone } : { name: phone, phone },
      ...(r.number ? { number: { e164: r.number.e164, display: r.number.display, numberClass: r.number.numberClass, status: r.number.status } } : {}),
      flags: {
        ...(r.viaQuarantinedNumber ? { viaQuarantinedNumber: true } : {}),
        ...(r.unmappedPoolSender ? { unmappedPoolSender: true } : {}),
        openViolations,
        failedDeliveries,
        ...(override ? { override } : {}),
      },
    };
  }

  /**
   * One conversation as each of several viewers sees it, for conversation:updated after every message: one query for
   * the last message and one for all their unread counts, instead of two per viewer (the delivery benchmark's hot path).
   * `knownLast` and `known`: the message and the counts a send already has (then neither is asked again).
   * `counted`: told the counts when they were asked here (not `known`), with the conversation's last message then.
   */
  async function viewsOfOne(
    viewersOfIt: Viewer[],
    record: ConversationRecord,
    sitters: SitterThreadAccess[] = [],
    knownLast?: StoredMessage,
    known?: KnownCounts,
    counted?: (counts: KnownCounts) => void,
  ): Promise<(ConversationView | null)[]> {
    if (viewersOfIt.length === 0) return [];
    const last = knownLast && knownLast.id === record.lastMessageId ? knownLast : record.lastMessageId ? (await store().findById(record.lastMessageId)) ?? undefined : undefined;
    const withStaffSeen = viewersOfIt.some((v) => v.kind !== 'staff');
    // Counted by the send itself when it counted for every one of these viewers (and the staff read mark when needed).
    const countedBefore = known && (!withStaffSeen || known.withStaffSeen) && viewersOfIt.every((v) => known.counts.unread.has(`${record.id}:${v.key}`));
    let counts: CountedPairs;
    if (countedBefore) counts = known.counts;
    else {
      counts = await unreadAndSeen(
        viewersOfIt.map((v) => ({ conversationId: record.id, readerKey: v.key, hideSystem: v.kind === 'sitter' && record.kind === 'client' })),
        withStaffSeen,
      );
      counted?.({ counts, withStaffSeen });
    }
    const unread = counts.unread;
    const seen = counts.seen.get(record.id);
    const staffClient = record.kind === 'client' && viewersOfIt.some((v) => v.kind === 'staff');
    const assignment = staffClient ? (await threadAssignments().assignmentsOf([record.id])).get(record.id) : undefined;
    const override = staffClient ? (await routing().overridesOf([record.id])).get(record.id) : undefined;
    const openViolations = staffClient ? ((await policy().openViolationsOf([record.id])).get(record.id) ?? 0) : 0;
    const failedDeliveries = staffClient ? ((await deliveryFailures().openFailuresOf([record.id])).get(record.id) ?? 0) : 0;
    return viewersOfIt.map((viewer) => {
      if (viewer.kind === 'sitter' && record.kind === 'client') {
        // Only a sitter the port named as active now hears of a client thread, in their own shape.
        const access = sitters.find((a) => a.sitterUserId === viewer.userId);
        return access ? conversationView(viewer, record, last, unread.get(`${record.id}:${viewer.key}`) ?? 0, seen, access) : null;
      }
      return conversationView(viewer, record, last, unread.get(`${record.id}:${viewer.key}`) ?? 0, seen, undefined, { assignment, override, openViolations, failedDeliveries });
    });
  }

  return {
    findRecord,
    visibleThread,
    /** Forgets what a send read of a conversation (a send found it gone). */
    forgetSendTarget: (id: number): void => void sendTargets.delete(id),
    visibleRecord,
    sitterAccessTo,
    views,
    viewsOfOne,
    async view(viewer: Viewer, record: ConversationRecord): Promise<ConversationView> {
      const access = viewer.kind === 'sitter' && record.kind === 'client' ? new Map([[record.id, await sitterAccessTo(viewer, record)]]) : undefined;
      return (await views(viewer, [record], access))[0];
    },

    /** GET /api/conversations: every conversation this app user may see, most recent activity first. */
    async listForApp(viewer: Viewer): Promise<ConversationView[]> {
      const q = knex()('conversation as c').select(COLUMNS).orderBy([{ column: 'c.last_activity_at', order: 'desc' }, { column: 'c.id', order: 'desc' }]);
      // domain/viewer.ts APP_VISIBILITY as SQL; canSeeConversation below checks every row again.
      if (viewer.kind === 'business') {
        if (viewer.businessId === null) return [];
        q.where('c.business_id', viewer.businessId).andWhere((w) =>
          w
            .whereIn('c.kind', visibleKinds.businessAlways)
            .orWhere((b) => b.whereIn('c.kind', visibleKinds.businessWhenShown).andWhereRaw(`(c.visibility_policy->>'businessVisible')::boolean IS TRUE`)),
        );
      } else if (viewer.kind === 'va') {
        q.where('c.va_user_id', viewer.userId).whereIn('c.kind', visibleKinds.va);
      } else if (viewer.kind === 'sitter') {
        // Their Admin team thread, plus the client threads the sitter-access port says a window of theirs is active on now.
        const active = await sitterAccess().activeThreads(viewer.userId);
        const clientIds = active.map((a) => a.conversationId);
        q.where((w) => {
          w.where('c.sitter_user_id', viewer.userId).whereIn('c.kind', visibleKinds.sitter);
          if (clientIds.length > 0) w.orWhere((c) => c.where('c.kind', 'client').whereIn('c.id', clientIds));
        });
        const records = (await toRecords(await q)).filter((r) => r.kind === 'client' || canSeeConversation(viewer, r));
        return views(viewer, records, new Map(active.map((a) => [a.conversationId, a])));
      }
      const records = (await toRecords(await q)).filter((r) => canSeeConversation(viewer, r));
      return views(viewer, records);
    },

    /** GET /messaging/conversations: the staff inbox with its filters. */
    async listForStaff(viewer: Viewer, query: StaffConversationQuery) {
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? defaults.staffPageSizeDefault;
      const base = knex()('conversation as c');
      if (query.kind) base.where('c.kind', query.kind);
      if (query.businessId) base.where('c.business_id', query.businessId);
      if (query.q && query.q.trim()) {
        const match = await directory().matchNames(query.q.trim());
        const sitterIds = [...(await directory().sitterNames(await sitterUserIds()))]
          .filter(([, name]) => name.toLowerCase().includes(query.q!.trim().toLowerCase()))
          .map(([id]) => id);
        // Issue 13 item 7, issue 14 item 4: also a client's name, a client phone's digits, or the text of any message.
        const text = query.q.trim();
        const clientIds = await peopleClients(strapi).matchIds(text);
        const digits = phoneDigits(text);
        base.where((w) => {
          w.whereIn('c.business_id', match.businessIds).orWhereIn('c.va_user_id', match.vaUserIds).orWhereIn('c.sitter_user_id', sitterIds);
          if (clientIds.length > 0) w.orWhereIn('c.client_id', clientIds);
          if (digits) w.orWhere('c.client_phone', 'like', `%${digits}%`);
          w.orWhereExists(knex()('message as m').select(knex().raw('1')).whereRaw('m.conversation_id = c.id').andWhereRaw(`m.body_text ILIKE ? ESCAPE '\\'`, [containsPattern(text)]));
        });
      }
      // Issue 16: client threads by their assigned sitter (the thread-assignments port, asked once).
      if (query.sitterId !== undefined) {
        if (!(await directory().isSitterUser(query.sitterId))) throw new ValidationError('sitterId must be the id of a sitter, as GET /people/sitters lists it.');
        base.where('c.kind', 'client').whereIn('c.id', query.assigned === false ? [] : await threadAssignments().assignedThreadIds({ sitterId: query.sitterId }));
      } else if (query.assigned !== undefined) {
        const assigned = await threadAssignments().assignedThreadIds();
        base.where('c.kind', 'client');
        if (query.assigned) base.whereIn('c.id', assigned);
        else if (assigned.length > 0) base.whereNotIn('c.id', assigned);
      }
      if (query.flag === 'quarantined') base.where('c.kind', 'client').andWhere('c.via_quarantined_number', true);
      if (query.flag === 'violation') base.where('c.kind', 'client').whereIn('c.id', await policy().threadsWithOpenViolations());
      if (query.flag === 'delivery_failure') base.where('c.kind', 'client').whereIn('c.id', await deliveryFailures().threadsWithOpenFailures());
      if (query.unread) {
        base.whereExists(knex()('message as m').select(knex().raw('1')).whereRaw(unreadBy('c.id', '?::text'), [viewer.key, viewer.key]));
      }
      const [{ n }] = await base.clone().count({ n: '*' });
      const rows = await base
        .clone()
        .select(COLUMNS)
        .orderBy([{ column: 'c.last_activity_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
        .offset((page - 1) * pageSize)
        .limit(pageSize);
      return { data: await views(viewer, await toRecords(rows)), meta: { pagination: { page, pageSize, total: Number(n) } } };
    },

    /** One conversation per (kind, VA, business), or per sitter: 201 when created, 200 when it existed. */
    async getOrCreate(actor: Viewer | 'system', spec: ConversationSpec) {
      const sitterUserId = spec.sitterUserId ?? null;
      if (spec.vaUserId !== null && !(await directory().isVaUser(spec.vaUserId))) {
        throw new ValidationError('vaUserId must be the id of a VA; ask the VA for the id shown on their profile.');
      }
      if (spec.businessId !== null && !(await directory().businessExists(spec.businessId))) {
        throw new ValidationError('businessId must be the id of a business.');
      }
      if ((spec.kind === 'admin_sitter') !== (sitterUserId !== null)) {
        throw new ValidationError('An admin_sitter conversation names exactly one sitter (sitterUserId), and only it does.');
      }
      if (sitterUserId !== null && !(await directory().isSitterUser(sitterUserId))) {
        throw new ValidationError('sitterUserId must be the id of a sitter; the People page lists each sitter with their id.');
      }
      const uniqueKey = uniqueConversationKey(spec.kind, spec.vaUserId, spec.businessId, sitterUserId);
      const now = systemClock.now();
      // Inside a caller's transaction (the demo seed) this joins it, so the record is read through it too.
      return strapi.db.transaction(async ({ trx }) => {
        const inserted = await trx('conversation')
          .insert({
            kind: spec.kind,
            business_id: spec.businessId,
            va_user_id: spec.vaUserId,
            sitter_user_id: sitterUserId,
            unique_key: uniqueKey,
            visibility_policy: JSON.stringify({ businessVisible: false }),
            last_activity_at: now,
            created_at: now,
            updated_at: now,
          })
          .onConflict('unique_key')
          .ignore()
          .returning('id');
        const created = inserted.length > 0;
        if (!created) {
          const existing = await trx('conversation').select('id').where('unique_key', uniqueKey).first();
          return { record: (await findRecord(Number(existing.id), trx))!, created };
        }
        const id = Number(inserted[0].id ?? inserted[0]);
        await audit().record({
          actor:
            actor === 'system'
              ? { kind: 'system' }
              : actor.kind === 'staff'
                ? staffActor({ id: actor.adminId, displayName: actor.displayName })
                : { kind: 'user', id: actor.userId, displayName: actor.displayName, role: actor.kind },
          action: AUDIT_ACTIONS.conversationCreate,
          entity: { type: 'conversation', id },
          conversationId: id,
          details: { kind: spec.kind, vaUserId: spec.vaUserId, businessId: spec.businessId, ...(sitterUserId !== null ? { sitterUserId } : {}) },
        });
        return { record: (await findRecord(id, trx))!, created };
      });
    },
  };
};

export type ConversationsService = ReturnType<typeof conversations>;
export default conversations;
