import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { ForbiddenError, RateLimitError, ValidationError, inSpan, parseInput } from '@switchboard/kit';
import { loadEnv, systemClock, defaults } from '@switchboard/config';
import { staffActor } from '@switchboard/audit';
import { checkRoute, type SenderRole } from '../domain/route-matrix';
import { messagePageSchema, readSchema, sendMessageSchema, typingSchema } from '../domain/message-input';
import { sanitizeMessageHtml, isEmptyAfterSanitizing } from '../domain/sanitize';
import { shapeMessage, ADMIN_TEAM, type MessageView, type StoredMessage } from '../domain/message-view';
import type { ConversationRecord, Viewer } from '../domain/viewer';
import type { SitterThreadAccess } from '../domain/sitter-access';
import { POLICY_CHECKED, type MessageToCheck } from '../domain/policy-port';
import { mergePeriods } from '../domain/sitter-view';
import { countedPairs, countsOf, uniqueConversationKey } from './conversations';
import type { SentWith } from './fan-out';
import { AUDIT_ACTIONS } from '../constants';
import { auditLog, getService, providerOutbound, providerReadiness } from '../get-service';

/** Thrown inside a send's transaction when its idempotency key was sent before: rolls it back (no token taken). */
const ALREADY_SENT = Object.assign(new Error('already sent'), { status: 200 });

export interface SendResult {
  status: 200 | 201;
  message: MessageView;
}

const messages = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const knex = (): Knex => strapi.db.connection;
  const conversations = () => getService(strapi, 'conversations');
  const directory = () => getService(strapi, 'directory');
  const realtime = () => getService(strapi, 'realtime');
  const store = () => getService(strapi, 'message-store');
  const rateLimits = () => getService(strapi, 'rate-limits');
  const audit = () => auditLog(strapi);

  const findBySenderKey = (senderKey: string, idempotencyKey: string) => store().findBySenderKey(senderKey, idempotencyKey);
  const findById = (id: string) => store().findById(id);

  /** The checks of API.md "Order of checks" after visibility: validation and the route matrix (400), then permission and gating (403). */
  async function authorise(viewer: Viewer, record: ConversationRecord, input: z.output<typeof sendMessageSchema>) {
    const senderRole: SenderRole = viewer.kind === 'staff' ? 'staff' : viewer.kind;
    const route = checkRoute(senderRole, record.kind, input.routeType);
    if (!route.allowed) throw new ValidationError(route.message);
    const isMasquerade = input.routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS';
    if (input.masqueradeForBusinessId !== undefined && !isMasquerade) {
      throw new ValidationError('masqueradeForBusinessId is only for ADMIN_MASQUERADE_TO_VA_AS_BUSINESS messages.');
    }
    if (isMasquerade && input.masqueradeForBusinessId !== undefined && input.masqueradeForBusinessId !== record.businessId) {
      throw new ValidationError("masqueradeForBusinessId must be this conversation's business; you can only reply as the business the thread is about.");
    }
    if (input.visibleToBusiness !== undefined) {
      if (input.routeType !== 'ADMIN_TO_VA_PRIVATE') throw new ValidationError('visibleToBusiness is only for admin notes in an Admin↔VA conversation.');
      if (input.visibleToBusiness && record.businessId === null) {
        throw new ValidationError('This Admin↔VA conversation is not about a business, so a note cannot be shown to one.');
      }
    }
    if (isMasquerade) {
      if (!env.FF_MASQUERADE) throw new ForbiddenError('Replying as a business is turned off for now.');
      const allowed = viewer.kind === 'staff' && record.businessId !== null && (await directory().masqueradeBusinessIds(viewer.adminId)).has(record.businessId);
      if (!allowed) {
        throw new ForbiddenError(`You do not have permission to reply as ${record.businessName ?? 'this business'}. Ask an owner for a masquerade grant.`);
      }
    }
    if (input.routeType === 'BUSINESS_TO_ADMIN' && viewer.kind === 'business') {
      const gating = await directory().businessGating(viewer.businessId);
      if (!gating.canCompose) throw new ForbiddenError(gating.reason!, { cta: gating.cta });
    }
    return route.effectiveRole;
  }

  /** A client thread's SMS for a message being stored: recorded for the provider in the caller's transaction, from the thread's business number. */
  function queueSms(record: ConversationRecord, messageId: string, bodyText: string): Promise<number> {
    return providerOutbound(strapi).record({ messageRef: messageId, from: record.businessNumber!, to: record.clientPhone!, body: bodyText });
  }

  /**
   * Issue 18: asks the policy port whether a message just stored may reach the other side: a SITTER_TO_CLIENT or
   * AUTOMATION_TO_CLIENT send, or a CLIENT_INBOUND message routed to a sitter (`routedSitterId`). Refused, a send
   * becomes `blocked` and a client's message `held`, with the notice and the redacted text (in the caller's
   * transaction); a blocked send's SMS is never recorded. Answers whether it was withheld. Other routes are never
   * checked (staff sends, a client's SMS to the owner inbox; API.md).
   */
  async function withheldByPolicy(
    trx: Knex.Transaction,
    record: ConversationRecord,
    messageId: string,
    message: { routeType: string; bodyText: string; sender: { key: string; role: string; displayName: string }; routedSitterId?: number | null },
  ): Promise<boolean> {
    if (record.kind !== 'client' || !POLICY_CHECKED.has(message.routeType)) return false;
    if (message.routeType === 'CLIENT_INBOUND' && !message.routedSitterId) return false;
    const verdict = await getService(strapi, 'policy').check(
      {
        conversationId: record.id,
        messageId,
        routeType: message.routeType as MessageToCheck['routeType'],
        bodyText: message.bodyText,
        sender: message.sender,
        businessNumber: record.businessNumber ?? null,
        clientPhone: record.clientPhone ?? null,
        ...(message.routeType === 'CLIENT_INBOUND' ? { routedSitterId: message.routedSitterId } : {}),
      },
      trx,
    );
    if (verdict.action === 'allow') return false;
    await trx('message')
      .where('ordering_key', messageId)
      .update({ state: verdict.action === 'block' ? 'blocked' : 'held', policy_notice: verdict.notice, policy_redacted_text: verdict.redactedText });
    return true;
  }

  /**
   * Once the message has committed: its SMS (if any) goes to the provider, then the message to everyone who sees the
   * thread. `written`: the row as the transaction left it, when nothing in it changed the message after the insert;
   * `sent`: what the one-statement send knows besides (the unread counts it took for this node's viewers, the
   * message it follows).
   */
  async function releaseAfterCommit(record: ConversationRecord, messageId: string, outboundId: number | null, committedAt?: number, written?: StoredMessage, sent?: SentWith): Promise<StoredMessage> {
    if (outboundId !== null) await providerOutbound(strapi).dispatch(outboundId);
    const stored = written ?? (await findById(messageId))!;
    await realtime().publishMessage(record, stored, committedAt, sent);
    return stored;
  }

  /**
   * DOMAIN.md "Visibility for sitters": in a client thread a sitter reads the client's SMS routed to them, and what
   * else was sent during their periods (their windows and sitter overrides, merged); never a staff note. In SQL, so
   * keyset paging stays exact.
   */
  async function onlyWhatTheSitterSees(query: Knex.QueryBuilder, record: ConversationRecord, sitterUserId: number): Promise<void> {
    const [windows, overrides] = await Promise.all([
      getService(strapi, 'sitter-access').windowPeriods(sitterUserId, record.id),
      getService(strapi, 'routing').sitterOverridePeriods(sitterUserId, record.id),
    ]);
    const periods = mergePeriods([...windows, ...overrides]);
    query.andWhereNot('m.route_type', 'SYSTEM').andWhere((visible) => {
      visible
        .where((routed) => routed.where('m.route_type', 'CLIENT_INBOUND').andWhere('m.routed_sitter_id', sitterUserId))
        .orWhere((sent) => {
          sent.whereNot('m.route_type', 'CLIENT_INBOUND').andWhere((during) => {
            if (periods.length === 0) during.whereRaw('false');
            for (const p of periods) {
              during.orWhere((inside) => {
                inside.where('m.created_at', '>=', p.startsAt);
                if (p.endsAt) inside.andWhere('m.created_at', '<', p.endsAt);
              });
            }
          });
        });
    });
  }

  /** Sends running on this node, by sender, conversation and idempotency key (send). */
  const sendsInFlight = new Map<string, Promise<SendResult>>();

  return {
    findById,
    queueSms,
    withheldByPolicy,
    releaseAfterCommit,

    /**
     * The one send: HTTP and socket both come here, with the same validation, idempotency and fan-out. A retry of a
     * send still running on this node (same sender, conversation and idempotency key: a client that gave up waiting
     * for its ack) waits for it and answers its message as a replay (200) instead of doing the work again, which
     * would only deepen the queue it timed out in (issue 25); if the first fails, the retry tries for itself. Across
     * nodes the insert's ON CONFLICT still makes it one message.
     */
    async send(viewer: Viewer, conversationId: unknown, body: unknown): Promise<SendResult> {
      const idempotencyKey = (body as { idempotencyKey?: unknown } | null)?.idempotencyKey;
      const key = typeof idempotencyKey === 'string' && typeof conversationId !== 'object' ? `${viewer.key}\u0000${String(conversationId)}\u0000${idempotencyKey}` : null;
      const running = key === null ? undefined : sendsInFlight.get(key);
      if (running) {
        getService(strapi, 'metrics').retryJoined();
        const first = await running.then((r) => r, () => null);
        if (first) return { status: 200, message: first.message };
      }
      const attempt = this.sendNow(viewer, conversationId, body);
      if (key !== null && !sendsInFlight.has(key)) {
        sendsInFlight.set(key, attempt);
        const done = () => void sendsInFlight.delete(key);
        attempt.then(done, done);
      }
      return attempt;
    },

    /** send's work, once (use send). */
    async sendNow(viewer: Viewer, conversationId: unknown, body: unknown): Promise<SendResult> {
      // A sitter on a client thread: 404 without a window there, 403 naming the next window when none is active now.
      const { record, access } = await conversations().visibleThread(viewer, conversationId, 'send');
      const label = access?.clientDisplayName;
      const input = parseInput(sendMessageSchema, body ?? {});

      // A replay (this sender's idempotency key again) passes the same checks as the send it repeats, then meets the
      // stored message at the insert (ON CONFLICT) and answers it: nothing is read before the write (issue 24).
      const effectiveRole = await authorise(viewer, record, input);
      // API.md "Readiness gate": no SMS to a client until setup is complete with a real provider (the sandbox is).
      if (record.kind === 'client') await providerReadiness(strapi).assertReadyForClientSends();
      const { bodyHtml, bodyText } = sanitizeMessageHtml(input.bodyHtml);
      if (isEmptyAfterSanitizing({ bodyHtml, bodyText })) throw new ValidationError('The message is empty; write something to send.');

      const isMasquerade = input.routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS';
      const now = systemClock.now();
      const mirrored: { conversationId: number; id: string }[] = [];
      const isSms = record.kind === 'client';
      if (isSms && (!record.clientPhone || !record.businessNumber)) throw new ValidationError('This client thread has no phone numbers yet, so it cannot send SMS.');
      let outboundId: number | null = null;
      // The row as inserted, for the fan-out; null once the policy has rewritten it in the transaction.
      let written: StoredMessage | null = null;
      let createdId: string;
      const row = {
        route_type: input.routeType,
        state: isSms ? 'queued' : 'sent',
        sender_key: viewer.key,
        sender_role: viewer.kind,
        sender_display_name: viewer.displayName,
        effective_role: effectiveRole,
        body_html: bodyHtml,
        body_text: bodyText,
        idempotency_key: input.idempotencyKey,
        visible_to_business: input.visibleToBusiness ?? false,
        masquerade_actor_key: isMasquerade ? viewer.key : null,
        masquerade_actor_name: isMasquerade ? viewer.displayName : null,
        masquerade_for_business_id: isMasquerade ? record.businessId : null,
      };
      // A retry of a message that went through is a replay, answered with the original (200) and never refused for speed.
      const replayed = async (): Promise<SendResult | null> => {
        const original = await findBySenderKey(viewer.key, input.idempotencyKey);
        return original ? { status: 200, message: shapeMessage(original, viewer, label) } : null;
      };

      // A message with nothing else to write (no SMS, audit or shared note): one statement (issue 24). When it wrote
      // nothing because another writer committed a newer id first, or the conversation is gone, the transaction below
      // (lock first, then the id) does the send.
      if (!isSms && !isMasquerade && !(input.visibleToBusiness && record.businessId !== null && viewer.kind === 'staff')) {
        // The unread counts of this node's viewers are taken in the same statement (issue 24): the conversation:updated
        // that follows asks the database nothing more.
        const asking = realtime().localReaders(record);
        const readers = asking === null ? null : await asking;
        const counting = readers && readers.pairs.length > 0 ? countedPairs(readers.pairs, readers.withStaffSeen) : undefined;
        const atOnce = await inSpan('message.commit', {}, () =>
          store().appendAtomically(record.id, row, now, (guard) => rateLimits().sendTokenStatement(viewer, guard), counting),
        );
        if (atOnce.stored) {
          const counts = atOnce.counted && readers ? { counts: countsOf(atOnce.counted, viewer.key), withStaffSeen: readers.withStaffSeen } : undefined;
          const stored = await releaseAfterCommit(record, atOnce.stored.id, null, performance.now(), atOnce.stored, { counts, previous: atOnce.previous });
          return { status: 201, message: shapeMessage(stored, viewer, label) };
        }
        if (atOnce.reason === 'missing') {
          // The conversation went since the send read it: ask again, which answers 404 as for any missing conversation.
          conversations().forgetSendTarget(record.id);
          await conversations().visibleThread(viewer, conversationId, 'send');
        }
        if (atOnce.reason === 'limited') {
          const replay = await replayed();
          if (replay) return replay;
          throw new RateLimitError(rateLimits().SEND_LIMITED);
        }
        if (atOnce.reason === 'replayed') {
          const replay = await replayed();
          if (replay) return replay;
        }
      }

      try {
        // PRD §10 traces: the commit is its own step of the send.
        createdId = await inSpan('message.commit', {}, () => strapi.db.transaction(async ({ trx }) => {
          // The send's token is taken in its transaction (429 before anything is written, and a send that fails takes
          // none), in one statement with the conversation's lock. Lock, then take the id: within a conversation, ids
          // follow commit order.
          await rateLimits().takeSend(viewer, trx, record.id);
          written = await store().appendRow(trx, record.id, row, now);
          // This sender sent this key before (a retry, or a race with another transport): undo the token, answer the original.
          if (written === null) throw ALREADY_SENT;
          const id = written.id;
          const sender = { key: viewer.key, role: viewer.kind, displayName: viewer.displayName };
          if (isSms) {
            // The policy may rewrite the row (blocked, redacted): read it back after the commit.
            written = null;
            if (!(await withheldByPolicy(trx, record, id, { routeType: input.routeType, bodyText, sender }))) {
              // The SMS to send is recorded in this transaction; its job is queued once the message commits.
              outboundId = await queueSms(record, id, bodyText);
            }
          }

          if (isMasquerade && viewer.kind === 'staff') {
            await audit().record({
              actor: staffActor({ id: viewer.adminId, displayName: viewer.displayName }),
              effectiveRole: 'business',
              action: AUDIT_ACTIONS.masquerade,
              entity: { type: 'message', id },
              conversationId: record.id,
              messageId: id,
              details: { forBusinessId: String(record.businessId), forBusinessName: record.businessName, routeType: input.routeType },
            });
          }
          if (input.routeType === 'STAFF_TO_CLIENT' && viewer.kind === 'staff') {
            // Issue 13 item 7: a staff member texting a client is a staff action, audited with the message.
            await audit().record({
              actor: staffActor({ id: viewer.adminId, displayName: viewer.displayName }),
              action: AUDIT_ACTIONS.staffToClient,
              entity: { type: 'message', id },
              conversationId: record.id,
              messageId: id,
              details: { routeType: input.routeType, clientId: record.clientId ?? null, businessNumber: record.businessNumber },
            });
          }
          if (input.visibleToBusiness && record.businessId !== null && viewer.kind === 'staff') {
            // DOMAIN.md: the note reaches the Business in its business_admin conversation, as from "Admin team".
            const key = uniqueConversationKey('business_admin', null, record.businessId);
            await trx('conversation')
              .insert({ kind: 'business_admin', business_id: record.businessId, unique_key: key, visibility_policy: JSON.stringify({ businessVisible: false }), last_activity_at: now, created_at: now, updated_at: now })
              .onConflict('unique_key')
              .ignore();
            const target = await trx('conversation').where('unique_key', key).forUpdate().first('id');
            const mirrorId = (await store().append(trx, Number(target.id), {
              route_type: 'ADMIN_TO_BUSINESS',
              state: 'sent',
              sender_key: viewer.key,
              sender_role: 'staff',
              sender_display_name: ADMIN_TEAM,
              effective_role: 'admin',
              body_html: bodyHtml,
              body_text: bodyText,
              idempotency_key: null,
              mirrored_from_id: id,
            }, now))!;
            await audit().record({
              actor: staffActor({ id: viewer.adminId, displayName: viewer.displayName }),
              action: AUDIT_ACTIONS.noteSharedWithBusiness,
              entity: { type: 'message', id },
              conversationId: record.id,
              messageId: id,
              details: { businessConversationId: String(target.id), businessMessageId: mirrorId },
            });
            mirrored.push({ conversationId: Number(target.id), id: mirrorId });
          }
          return id;
        }));
      } catch (error) {
        if (error !== ALREADY_SENT && !(error instanceof RateLimitError)) throw error;
        const replay = await replayed();
        if (replay) return replay;
        throw error;
      }
      const committedAt = performance.now();
      const stored = await releaseAfterCommit(record, createdId, outboundId, committedAt, written ?? undefined);
      for (const m of mirrored) {
        const target = await conversations().findRecord(m.conversationId);
        const mirror = await findById(m.id);
        if (target && mirror) await realtime().publishMessage(target, mirror);
      }
      return { status: 201, message: shapeMessage(stored, viewer, label) };
    },

    /** GET …/messages: API.md "Paging", keyset on orderingKey, always ascending. */
    async page(viewer: Viewer, conversationId: unknown, query: unknown): Promise<{ data: MessageView[]; meta: { hasMore: boolean } }> {
      const { record, access } = await conversations().visibleThread(viewer, conversationId);
      const q = parseInput(messagePageSchema, query ?? {});
      return this.pageOf(viewer, record, q, access);
    },

    /** `access`: a sitter reading a client thread (the client as their label; staff-only SYSTEM notes left out). */
    async pageOf(viewer: Viewer, record: ConversationRecord, q: { sinceId?: string; beforeId?: string; limit: number }, access?: SitterThreadAccess) {
      const base = store().select().where('m.conversation_id', record.id);
      if (access) await onlyWhatTheSitterSees(base, record, access.sitterUserId);
      const staffRouting = viewer.kind === 'staff' && record.kind === 'client';
      const shaped = async (rows: any[]) => {
        const found = await store().stored(rows);
        // Staff read each client SMS's routing decision, each checked message's violation and each failed SMS's
        // delivery failure (API.md "Shapes (additions)"): one question to each port for the page.
        const [routing, violations, failures] = staffRouting
          ? await Promise.all([
              getService(strapi, 'routing').routingOf(found.filter((m) => m.routeType === 'CLIENT_INBOUND').map((m) => m.id)),
              getService(strapi, 'policy').violationsOf(found.filter((m) => POLICY_CHECKED.has(m.routeType)).map((m) => m.id)),
              getService(strapi, 'delivery-failures').failuresOf(found.filter((m) => m.state === 'failed' || m.state === 'undelivered').map((m) => m.id)),
            ])
          : [new Map(), new Map(), new Map()];
        return found.map((m) => {
          const view = shapeMessage(m, viewer, access?.clientDisplayName);
          const decided = routing.get(m.id);
          const violation = violations.get(m.id);
          const deliveryFailure = failures.get(m.id);
          return { ...view, ...(decided ? { routing: decided } : {}), ...(violation ? { violation } : {}), ...(deliveryFailure ? { deliveryFailure } : {}) };
        });
      };
      if (q.sinceId) {
        const rows = await base.andWhere('m.ordering_key', '>', q.sinceId).orderBy('m.ordering_key', 'asc').limit(q.limit + 1);
        return { data: await shaped(rows.slice(0, q.limit)), meta: { hasMore: rows.length > q.limit } };
      }
      if (q.beforeId) base.andWhere('m.ordering_key', '<', q.beforeId);
      const newestFirst = await base.orderBy('m.ordering_key', 'desc').limit(q.limit + 1);
      return { data: await shaped(newestFirst.slice(0, q.limit).reverse()), meta: { hasMore: newestFirst.length > q.limit } };
    },

    /** Socket `sync`: the messages after sinceId, at most defaults.syncMax. */
    async sync(viewer: Viewer, conversationId: unknown, sinceId: unknown) {
      const { record, access } = await conversations().visibleThread(viewer, conversationId);
      const q = parseInput(messagePageSchema, { sinceId });
      const result = await this.pageOf(viewer, record, { sinceId: q.sinceId, limit: defaults.syncMax }, access);
      return { messages: result.data, hasMore: result.meta.hasMore };
    },

    async markRead(viewer: Viewer, conversationId: unknown, body: unknown): Promise<void> {
      const record = await conversations().visibleRecord(viewer, conversationId);
      const { lastReadMessageId } = parseInput(readSchema, body ?? {});
      const belongs = await knex()('message').where({ conversation_id: record.id, ordering_key: lastReadMessageId }).first('id');
      if (!belongs) throw new ValidationError('lastReadMessageId must be a message of this conversation.');
      const now = systemClock.now();
      await knex()
        .raw(
          `INSERT INTO conversation_read (conversation_id, reader_key, last_read_message_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, reader_key)
           DO UPDATE SET last_read_message_id = GREATEST(conversation_read.last_read_message_id, EXCLUDED.last_read_message_id), updated_at = EXCLUDED.updated_at`,
          [record.id, viewer.key, lastReadMessageId, now, now],
        );
      await realtime().conversationChanged(record, { onlyViewerKey: viewer.key });
      if (viewer.kind === 'staff') await getService(strapi, 'read-state').staffRead(record);
    },

    async typing(viewer: Viewer, conversationId: unknown, body: unknown): Promise<void> {
      const record = await conversations().visibleRecord(viewer, conversationId);
      const { typing } = parseInput(typingSchema, body ?? {});
      if (!(await rateLimits().takeTyping(viewer))) {
        throw new RateLimitError('You are sending typing signals too quickly. Wait a few seconds.');
      }
      realtime().typing(record, viewer, typing, null);
    },
  };

};

export type MessagesService = ReturnType<typeof messages>;
export default messages;
