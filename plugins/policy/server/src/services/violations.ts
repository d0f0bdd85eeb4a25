import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { defaults, systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, csvTable, publishDomainEvent } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import type { ClientsService } from '@switchboard/people';
import type { ClientThreadsService, MessageToCheck, SitterNoticesService } from '@switchboard/messaging';
import type { ContactType } from '../domain/detector';
import { ownerNoticeText, senderWarningText, violationTitle } from '../domain/notices';
import { VIOLATIONS_CSV_HEADER, violationCsvRow } from '../domain/export';
import { AUDIT_ACTIONS, EVENTS, PLUGIN, SENTENCES, VIOLATION_UID } from '../constants';
import { getService } from '../get-service';

export interface ViolationRow {
  id: number;
  conversation_id: number;
  message_id: string;
  client_name: string;
  client_phone: string | null;
  business_number: string | null;
  type: ContactType;
  types: ContactType[] | string;
  status: 'open' | 'resolved' | 'dismissed';
  action_taken: 'blocked' | 'held' | 'overridden';
  redacted_text: string;
  route_type: string;
  sender_key: string;
  sender_role: string;
  sender_name: string;
  created_at: Date | string;
  reviewed_at: Date | string | null;
  reviewed_by_name: string | null;
  review_reason: string | null;
}

export type ViolationView = ReturnType<typeof toViolationView>;

/** API.md `PolicyViolation`, with the thread's client, the sender and the review. */
export function toViolationView(row: ViolationRow) {
  return {
    id: String(row.id),
    createdAt: new Date(row.created_at).toISOString(),
    type: row.type,
    types: typeof row.types === 'string' ? (JSON.parse(row.types) as ContactType[]) : row.types,
    status: row.status,
    actionTaken: row.action_taken,
    conversationId: String(row.conversation_id),
    messageId: String(row.message_id),
    redactedText: row.redacted_text,
    routeType: row.route_type,
    thread: { clientName: row.client_name, businessNumber: row.business_number },
    sender: { role: row.sender_role, displayName: row.sender_name },
    review: row.reviewed_at ? { at: new Date(row.reviewed_at).toISOString(), by: row.reviewed_by_name, reason: row.review_reason } : null,
  };
}

export interface ViolationFilters {
  status?: string;
  type?: string;
  conversationId?: number;
  from?: Date;
  to?: Date;
}

type Review = 'approve' | 'dismiss' | 'resolve';
type Actor = { id: number; displayName: string };

/** `sitter` sender keys are `user:<id>` (messaging's viewer keys): the sitter to warn. */
const sitterUserIdOf = (senderKey: string): number | null => {
  const m = /^user:(\d+)$/.exec(senderKey);
  return m ? Number(m[1]) : null;
};

/** OPS §4.8 "If owner notification fails: Log error, retry notification": a few more tries, seconds apart, each failure logged. */
async function withRetries(strapi: Core.Strapi, what: string, attempt: () => Promise<unknown>, tries = 3): Promise<void> {
  for (let n = 1; n <= tries; n += 1) {
    try {
      await attempt();
      return;
    } catch (error) {
      strapi.log.error(`[policy] ${what} failed (try ${n} of ${tries}): ${error}`);
      if (n < tries) await new Promise((resolve) => setTimeout(resolve, 1000 * n));
    }
  }
}

/**
 * Policy violations (OPS §4.8, API.md): opened inside the message's transaction when the detector finds contact
 * details, with one audit event, the owner inbox notice and the sender's warning (if configured); after commit the
 * `policy_violation` domain event. Reviewed by an Owner (approve delivers the message through messaging; dismiss and
 * resolve leave it undelivered), each with a reason, audited, never deleted.
 */
const violations = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => strapi.db.connection<ViolationRow>('policy_violation');
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const clientThreads = () => strapi.plugin('messaging').service('client-threads') as ClientThreadsService;

  const filtered = (query: ViolationFilters): Knex.QueryBuilder => {
    const q = table();
    if (query.status) q.where('status', query.status);
    if (query.type) q.where('type', query.type);
    if (query.conversationId) q.where('conversation_id', query.conversationId);
    if (query.from) q.where('created_at', '>=', query.from);
    if (query.to) q.where('created_at', '<', query.to);
    return q;
  };

  /**
   * A part of the violation that must not undo it (OPS §4.8 "Failure Handling"): run in its own savepoint of the
   * message's transaction, so a failure rolls back only its own writes; answers whether it succeeded.
   */
  async function apart(trx: Knex.Transaction, name: string, what: string, work: () => Promise<unknown>): Promise<boolean> {
    await trx.raw(`SAVEPOINT ${name}`);
    try {
      await work();
      await trx.raw(`RELEASE SAVEPOINT ${name}`);
      return true;
    } catch (error) {
      await trx.raw(`ROLLBACK TO SAVEPOINT ${name}`);
      strapi.log.error(`[policy] ${what} failed: ${error}`);
      return false;
    }
  }

  /** The `policy_violation` domain event (README "Events"), once the violation has committed. */
  function publishOpened(row: ViolationRow, types: ContactType[]): void {
    publishDomainEvent(strapi, {
      type: EVENTS.violation,
      source: PLUGIN,
      at: systemClock.now().toISOString(),
      subject: { type: 'policy_violation', id: String(row.id) },
      conversationId: String(row.conversation_id),
      data: {
        messageId: row.message_id,
        types,
        title: violationTitle(row.client_name, types[0]),
        clientName: row.client_name,
        actionTaken: row.action_taken,
        routeType: row.route_type,
        redactedText: row.redacted_text,
        sender: { role: row.sender_role, displayName: row.sender_name },
      },
    });
  }

  return {
    /** Opens one violation for a message the policy withheld; joins the caller's transaction. */
    async open(message: MessageToCheck, types: ContactType[], redactedText: string, actionTaken: 'blocked' | 'held'): Promise<ViolationRow> {
      const client = message.clientPhone ? await (strapi.plugin('people').service('clients') as ClientsService).byPhone(message.clientPhone) : null;
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const created = (await strapi.db.query(VIOLATION_UID as any).create({
          data: {
            conversationId: message.conversationId,
            messageId: message.messageId,
            clientName: client?.name || message.clientPhone || 'Unknown client',
            clientPhone: message.clientPhone,
            businessNumber: message.businessNumber,
            type: types[0],
            types,
            status: 'open',
            actionTaken,
            redactedText,
            routeType: message.routeType,
            senderKey: message.sender.key,
            senderRole: message.sender.role,
            senderName: message.sender.displayName,
          },
        })) as { id: number };
        const row = (await trx('policy_violation').where({ id: created.id }).first()) as ViolationRow;
        await audit().record({
          actor: message.sender.role === 'automation' || message.sender.role === 'client' ? { kind: 'system' } : { kind: 'user', id: message.sender.key, displayName: message.sender.displayName, role: message.sender.role },
          action: AUDIT_ACTIONS.open,
          entity: { type: 'policy_violation', id: row.id },
          conversationId: message.conversationId,
          messageId: message.messageId,
          details: { types, actionTaken, routeType: message.routeType, redactedText, sender: message.sender.displayName },
        });
        // DOMAIN.md "Owner inbox notice", with the violation; if it fails, it is retried once the violation has committed.
        const subject = { actionTaken, senderRole: row.sender_role, senderName: row.sender_name, clientName: row.client_name, types };
        const notice = () => clientThreads().staffNotice(message.conversationId, ownerNoticeText(subject));
        if (!(await apart(trx, 'policy_owner_notice', `the owner inbox notice of violation ${row.id}`, notice))) {
          onCommit(() => void withRetries(strapi, `the owner inbox notice of violation ${row.id}`, notice));
        }
        // OPS §4.8 "Sends warning to sender (if configured)"; "If warning send fails: Log error, continue".
        const sitterUserId = row.sender_role === 'sitter' ? sitterUserIdOf(row.sender_key) : null;
        if (sitterUserId !== null && (await getService(strapi, 'settings').get()).warnSender) {
          const sitterNotices = strapi.plugin('messaging').service('sitter-notices') as SitterNoticesService;
          await apart(trx, 'policy_sender_warning', `the warning to sitter ${sitterUserId} about violation ${row.id}`, () => sitterNotices.notifyText(sitterUserId, senderWarningText(row.client_name, types)));
        }
        onCommit(() => publishOpened(row, types));
        return row;
      });
    },

    async list(query: ViolationFilters & { page: number; pageSize: number }) {
      const [found, [{ n }]] = await Promise.all([
        filtered(query).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset((query.page - 1) * query.pageSize).limit(query.pageSize).select('*') as Promise<ViolationRow[]>,
        filtered(query).count({ n: '*' }) as Promise<Array<{ n: string | number }>>,
      ]);
      const total = Number(n);
      return { data: found.map(toViolationView), meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
    },

    async findOne(id: number) {
      const row = (await table().where({ id }).first()) as ViolationRow | undefined;
      if (!row) throw new NotFoundError(SENTENCES.notFound);
      return toViolationView(row);
    },

    /** The feed as CSV (OPS §3.5 "Export"), the same filters, at most defaults.exportMaxRows rows. */
    async exportCsv(query: ViolationFilters): Promise<string> {
      const [{ n }] = (await filtered(query).count({ n: '*' })) as Array<{ n: string | number }>;
      if (Number(n) > defaults.exportMaxRows) throw new ValidationError(SENTENCES.exportTooLarge);
      const rows = (await filtered(query).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('*')) as ViolationRow[];
      return csvTable(VIOLATIONS_CSV_HEADER, rows.map((r) => violationCsvRow(toViolationView(r))));
    },

    /**
     * Issue 18 item 5: who tried more than once. Each sender's and each client's violations over the last
     * `defaults.policyRepeatWindowDays` days, most first; and every thread with a violation, for the feed's filter.
     */
    async summary() {
      const since = new Date(systemClock.now().getTime() - defaults.policyRepeatWindowDays * 86_400_000);
      const [bySender, byClient, threads] = await Promise.all([
        table().where('created_at', '>=', since).select('sender_key', 'sender_role').max({ name: 'sender_name' }).count({ n: '*' }).groupBy('sender_key', 'sender_role').orderBy([{ column: 'n', order: 'desc' }, { column: 'name' }]).limit(20),
        table().where('created_at', '>=', since).whereNotNull('client_phone').select('client_phone').max({ name: 'client_name' }).count({ n: '*' }).groupBy('client_phone').orderBy([{ column: 'n', order: 'desc' }, { column: 'name' }]).limit(20),
        table().select('conversation_id').max({ name: 'client_name', number: 'business_number' }).count({ n: '*' }).groupBy('conversation_id').orderBy('name'),
      ]);
      return {
        days: defaults.policyRepeatWindowDays,
        bySender: (bySender as any[]).map((r) => ({ role: r.sender_role as string, displayName: r.name as string, count: Number(r.n) })),
        byClient: (byClient as any[]).map((r) => ({ clientName: r.name as string, count: Number(r.n) })),
        threads: (threads as any[]).map((r) => ({ conversationId: String(r.conversation_id), clientName: r.name as string, businessNumber: (r.number as string | null) ?? null, count: Number(r.n) })),
      };
    },

    /** OPS §4.8: the Owner may read what was actually written; each reveal is audited. */
    async reveal(id: number, actor: Actor) {
      const violation = await this.findOne(id);
      const text = await clientThreads().originalText(violation.messageId);
      if (text === null) throw new NotFoundError(SENTENCES.notFound);
      await audit().record({
        actor: staffActor(actor),
        action: AUDIT_ACTIONS.reveal,
        entity: { type: 'policy_violation', id },
        conversationId: Number(violation.conversationId),
        messageId: violation.messageId,
        details: { types: violation.types },
      });
      return { id: violation.id, originalText: text };
    },

    /** Approve (delivers the message), dismiss or resolve an open violation; a second review → 409. */
    async review(id: number, review: Review, reason: string, actor: Actor) {
      return strapi.db.transaction(async ({ trx }) => {
        const now = systemClock.now();
        const existing = (await trx('policy_violation').where({ id }).first()) as ViolationRow | undefined;
        if (!existing) throw new NotFoundError(SENTENCES.notFound);
        const status = review === 'dismiss' ? 'dismissed' : 'resolved';
        const changed = await trx('policy_violation')
          .where({ id, status: 'open' })
          .update({ status, ...(review === 'approve' ? { action_taken: 'overridden' } : {}), reviewed_at: now, reviewed_by_id: actor.id, reviewed_by_name: actor.displayName, review_reason: reason, updated_at: now });
        if (!changed) throw new ConflictError(SENTENCES.alreadyResolved);
        if (review === 'approve') await clientThreads().releaseWithheld(existing.message_id);
        await audit().record({
          actor: staffActor(actor),
          action: AUDIT_ACTIONS[review],
          entity: { type: 'policy_violation', id },
          conversationId: existing.conversation_id,
          messageId: existing.message_id,
          details: { reason, status, types: existing.types },
        });
        // Staff screens hear the message's new status and the thread's count once this commits.
        await clientThreads().violationReviewed(existing.message_id);
        return toViolationView((await trx('policy_violation').where({ id }).first()) as ViolationRow);
      });
    },
  };
};

export type ViolationsService = ReturnType<typeof violations>;
export default violations;
