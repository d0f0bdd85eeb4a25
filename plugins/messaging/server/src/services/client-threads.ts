import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, inSpan, publishDomainEvent } from '@switchboard/kit';
import { staffActor, type AuditActor } from '@switchboard/audit';
import type { DeliveryUpdate, InboundSms } from '@switchboard/provider';
import { sanitizeMessageHtml, isEmptyAfterSanitizing } from '../domain/sanitize';
import { textToMessageHtml } from '../domain/text-to-html';
import type { ConversationRecord, Viewer } from '../domain/viewer';
import { ROUTE_MATRIX } from '../domain/route-matrix';
import { SYSTEM_SENDER_NAME } from '../domain/sitter-notice';
import { anyStaff } from '../domain/rooms';
import { shapeMessage, type MessageView } from '../domain/message-view';
import { AUDIT_ACTIONS, CONVERSATION_UID, EVENTS, PLUGIN } from '../constants';
import { auditLog, providerOutbound, providerReadiness, getService, numbersLookup, peopleClients } from '../get-service';

/** One thread per client per business number: the key inbound SMS and bookings both use. */
export const clientThreadKey = (businessNumber: string, clientPhone: string) => `client:${businessNumber}:${clientPhone}`;

/** What ensureThread is asked for: the client (people's documentId), their phone, and the business number. */
export interface ClientThreadSpec {
  clientId: string;
  clientPhone: string;
  businessNumber: string;
}

/** One of a client's threads, most recently active first (threadsOfClient). */
export interface ClientThread {
  conversationId: string;
  businessNumber: string;
  lastActivityAt: string;
}

const NO_FRONT_DESK = 'There is no active Front Desk number to text this client from. Add one on the Number Inventory page first.';

/**
 * Client SMS threads (DOMAIN.md kind `client`, "Clients, bookings"): a client has one thread per business number,
 * and every thread knows its client (people's `clients`). Until the routing issue lands, every inbound SMS goes to the
 * owner inbox. ensureThread and threadsOfClient are what the assignments plugin asks when a booking opens a thread.
 */
/** What an automation (or a booking) texts a client: sendAutomated's input. */
export interface AutomatedSend {
  conversationId: number;
  text: string;
  /** Who is behind it, for the audit event: an automation, the system, or the staff member whose action it follows. */
  actor: AuditActor;
  /** Why it was sent, in words ("Reassignment message"): in the audit event. */
  reason: string;
}

const clientThreads = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <K extends 'conversations' | 'message-store' | 'realtime' | 'messages'>(name: K) => getService(strapi, name);

  /**
   * The client an inbound SMS comes from, created on first contact, with the name staff read on the message (the number
   * itself until someone names the client); null (logged) when people refuses the phone.
   */
  async function clientOf(phone: string): Promise<{ id: string; name: string } | null> {
    try {
      const client = await peopleClients(strapi).findOrCreateByPhone(phone);
      return { id: client.id, name: client.name };
    } catch (error) {
      strapi.log.warn(`[messaging] no client for inbound SMS from ${phone}; the thread keeps the phone only: ${error}`);
      return null;
    }
  }

  /**
   * The client's thread on this number, in the caller's transaction: one that was moved here (a number quarantined or
   * released moves its threads, keeping their key), else the one keyed by this number, created when missing. A thread
   * that does not know its client yet learns it. Locked FOR UPDATE, as every writer of a thread takes it.
   */
  async function threadIn(trx: Knex.Transaction, clientPhone: string, businessNumber: string, clientId: string | null, now: Date) {
    const uniqueKey = clientThreadKey(businessNumber, clientPhone);
    const moved = await trx('conversation')
      .where({ kind: 'client', client_phone: clientPhone, business_number: businessNumber })
      .orderBy([{ column: 'last_activity_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .first('id');
    let created = false;
    if (!moved) {
      const inserted = await trx('conversation')
        .insert({
          kind: 'client',
          unique_key: uniqueKey,
          client_phone: clientPhone,
          business_number: businessNumber,
          client_id: clientId,
          visibility_policy: JSON.stringify({ businessVisible: false }),
          last_activity_at: now,
          created_at: now,
          updated_at: now,
        })
        .onConflict('unique_key')
        .ignore()
        .returning('id');
      created = inserted.length > 0;
    }
    const row = moved
      ? await trx('conversation').where('id', moved.id).forUpdate().first('id', 'client_id')
      : await trx('conversation').where('unique_key', uniqueKey).forUpdate().first('id', 'client_id');
    const learned = clientId !== null && !row.client_id;
    if (learned) await trx('conversation').where('id', row.id).update({ client_id: clientId });
    return { id: Number(row.id), created, learned };
  }

  /** After the caller's transaction commits: staff lists hear of the new (or newly named) thread. */
  /** README "Events": a client thread was opened (alerts' info `thread_created`), once its transaction committed. */
  function threadCreatedOnCommit(onCommit: (cb: () => void) => void, conversationId: number, clientPhone: string, businessNumber: string, how: 'inbound' | 'booking_or_staff') {
    onCommit(() => {
      service('conversations')
        .findRecord(conversationId)
        .then((record) =>
          publishDomainEvent(strapi, {
            type: EVENTS.threadCreated,
            source: PLUGIN,
            at: systemClock.now().toISOString(),
            subject: { type: 'conversation', id: String(conversationId) },
            conversationId: String(conversationId),
            data: { conversationId: String(conversationId), clientName: record?.clientName ?? null, clientPhone, businessNumber, how },
          }),
        )
        .catch((error) => strapi.log.error(`[messaging] thread_created for ${conversationId} was not published: ${error}`));
    });
  }

  function announceOnCommit(onCommit: (cb: () => void) => void, conversationId: number) {
    onCommit(() => {
      service('conversations')
        .findRecord(conversationId)
        .then((record) => (record ? service('realtime').conversationChanged(record) : undefined))
        .catch((error) => strapi.log.error(`[messaging] client thread ${conversationId} was not announced: ${error}`));
    });
  }

  /** After the caller's transaction commits: the message again (message:updated) and its thread (conversation:updated), on every node. */
  async function republishForStaff(messageId: string, what: string, options: { withViolation?: boolean }): Promise<void> {
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        (async () => {
          const stored = await service('message-store').findById(messageId);
          const record = stored ? await service('conversations').findRecord(stored.conversationId) : null;
          if (!stored || !record) return;
          await service('realtime').publishUpdate(record, stored, options);
          await service('realtime').conversationChanged(record);
        })().catch((error) => strapi.log.error(`[messaging] ${what} message ${messageId} was not published: ${error}`));
      });
    });
  }

  const api = {
    async receiveInbound(sms: InboundSms): Promise<void> {
      const body = sanitizeMessageHtml(textToMessageHtml(sms.body));
      if (isEmptyAfterSanitizing(body)) return;
      // Outside the transaction, as people asks: two first texts at once both answer the one client.
      const client = await clientOf(sms.from);
      const now = systemClock.now();
      // PRD §10 traces: the inbound message's commit (its routing decision inside) is a step of the SMS's trace.
      const result = await inSpan('message.commit', { 'messaging.route_type': 'CLIENT_INBOUND' }, () => strapi.db.transaction(async ({ trx, onCommit }) => {
        const thread = await threadIn(trx, sms.from, sms.to, client?.id ?? null, now);
        if (thread.created) threadCreatedOnCommit(onCommit, thread.id, sms.from, sms.to, 'inbound');
        const id = await service('message-store').append(trx, thread.id, {
          route_type: 'CLIENT_INBOUND',
          state: 'received',
          sender_key: `client:${sms.from}`,
          sender_role: 'client',
          sender_display_name: client?.name || sms.from,
          effective_role: 'client',
          body_html: body.bodyHtml,
          body_text: body.bodyText,
          idempotency_key: `sms:${sms.providerMessageId}`,
        }, now);
        // null: the provider delivered this SMS before, and it is stored already.
        if (id === null) return null;
        // Routing decides (and records its decision) in this transaction; a failure leaves it in the owner inbox.
        const routed = await getService(strapi, 'routing').routeInbound({
          conversationId: thread.id,
          messageId: id,
          clientId: client?.id ?? null,
          clientPhone: sms.from,
          businessNumber: sms.to,
          threadCreated: thread.created,
          at: now,
        }, trx);
        if (routed.target.type === 'sitter' && routed.target.sitterId) {
          await trx('message').where('ordering_key', id).update({ routed_sitter_id: routed.target.sitterId });
          // Issue 18: contact details in a client's message to a sitter hold it for the owner's review (fail-open).
          const record = (await service('conversations').findRecord(thread.id, trx))!;
          await service('messages').withheldByPolicy(trx, record, id, {
            routeType: 'CLIENT_INBOUND',
            bodyText: body.bodyText,
            sender: { key: `client:${sms.from}`, role: 'client', displayName: client?.name || sms.from },
            routedSitterId: routed.target.sitterId,
          });
        }
        const flags = {
          ...(routed.flags.viaQuarantinedNumber ? { via_quarantined_number: true } : {}),
          ...(routed.flags.unmappedPoolSender ? { unmapped_pool_sender: true } : {}),
        };
        if (Object.keys(flags).length > 0) await trx('conversation').where('id', thread.id).update(flags);
        return { conversationId: thread.id, messageId: id, autoResponse: routed.autoResponse };
      }));
      if (result === null) return;
      const record = await service('conversations').findRecord(result.conversationId);
      const stored = await service('message-store').findById(result.messageId);
      if (record && stored) await service('realtime').publishMessage(record, stored);
      // README "Events": a client's SMS arrived (automations' `message.received`), once, after its commit.
      await publishDomainEvent(strapi, {
        type: EVENTS.messageReceived,
        source: PLUGIN,
        at: now.toISOString(),
        subject: { type: 'message', id: result.messageId },
        conversationId: String(result.conversationId),
        data: { messageId: result.messageId, conversationId: String(result.conversationId), clientId: client?.id ?? null, businessNumber: sms.to, bodyText: body.bodyText },
      });
      // OPS §4.4: an unmapped sender on a pool number hears the auto-response, from that number.
      if (result.autoResponse) {
        await api
          .sendAutomated({ conversationId: result.conversationId, text: result.autoResponse, actor: { kind: 'system' }, reason: 'Pool auto-response' })
          .catch((error) => strapi.log.error(`[messaging] pool auto-response on thread ${result.conversationId} was not sent: ${error}`));
      }
    },

    /**
     * Gets or creates the client's thread on this business number (one per client per number), joining the caller's
     * `strapi.db.transaction` when there is one; staff lists hear of a new thread once that commits. With an actor
     * (a staff member) a new thread is audited as `conversation.create`; a booking audits its own change.
     */
    async ensureThread(spec: ClientThreadSpec, actor?: Viewer): Promise<{ conversationId: string; created: boolean }> {
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const thread = await threadIn(trx, spec.clientPhone, spec.businessNumber, spec.clientId, systemClock.now());
        if (thread.created && actor?.kind === 'staff') {
          await auditLog(strapi).record({
            actor: staffActor({ id: actor.adminId, displayName: actor.displayName }),
            action: AUDIT_ACTIONS.conversationCreate,
            entity: { type: 'conversation', id: thread.id },
            conversationId: thread.id,
            details: { kind: 'client', clientId: spec.clientId, businessNumber: spec.businessNumber },
          });
        }
        if (thread.created || thread.learned) announceOnCommit(onCommit, thread.id);
        if (thread.created) threadCreatedOnCommit(onCommit, thread.id, spec.clientPhone, spec.businessNumber, 'booking_or_staff');
        return { conversationId: String(thread.id), created: thread.created };
      });
    },

    /** The client's threads, most recently active first (through strapi.db.query: inside a transaction it joins it). */
    async threadsOfClient(clientId: string): Promise<ClientThread[]> {
      const rows = (await strapi.db.query(CONVERSATION_UID).findMany({
        where: { kind: 'client', clientId },
        select: ['id', 'businessNumber', 'lastActivityAt'],
        orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
      })) as Array<{ id: number; businessNumber: string | null; lastActivityAt: Date | string }>;
      return rows.map((r) => ({ conversationId: String(r.id), businessNumber: r.businessNumber ?? '', lastActivityAt: new Date(r.lastActivityAt).toISOString() }));
    },

    /**
     * POST /messaging/conversations { kind: "client", clientId }: the client's most recently active thread, else a new
     * one on the active Front Desk number. An unknown client is people's 404 sentence.
     */
    async openForStaff(viewer: Viewer, clientId: string): Promise<{ record: ConversationRecord; created: boolean }> {
      const client = await peopleClients(strapi).get(clientId);
      // Threads that began before the client was known (their phone only) become theirs first.
      await strapi.db.query(CONVERSATION_UID).updateMany({ where: { kind: 'client', clientPhone: client.phone, clientId: { $null: true } }, data: { clientId: client.id } });
      const [latest] = await api.threadsOfClient(client.id);
      if (latest) return { record: (await service('conversations').findRecord(Number(latest.conversationId)))!, created: false };
      const frontDesk = await numbersLookup(strapi).activeFrontDesk();
      if (!frontDesk) throw new ConflictError(NO_FRONT_DESK);
      const { conversationId, created } = await api.ensureThread({ clientId: client.id, clientPhone: client.phone, businessNumber: frontDesk.e164 }, viewer);
      return { record: (await service('conversations').findRecord(Number(conversationId)))!, created };
    },

    /**
     * An AUTOMATION_TO_CLIENT message (DOMAIN.md "Route types"): from the thread's business number to its client, read
     * as from "Switchboard" (or the automation's name). Stored, its SMS recorded for the provider and the event audited
     * (`message.automation_to_client`) in the caller's `strapi.db.transaction` when there is one; the SMS is handed to
     * the provider and the message published only once that commits, as a staff send's are. Answers the staff shape.
     */
    async sendAutomated(input: AutomatedSend): Promise<MessageView> {
      const { bodyHtml, bodyText } = sanitizeMessageHtml(textToMessageHtml(input.text));
      if (isEmptyAfterSanitizing({ bodyHtml, bodyText })) throw new ValidationError('The automated message is empty; give it some text to send.');
      // API.md "Readiness gate": AUTOMATION_TO_CLIENT waits for setup like every send to a client.
      await providerReadiness(strapi).assertReadyForClientSends();
      const messages = service('messages');
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        // The conversation's row lock first, as every writer takes it: ids follow commit order.
        const locked = Number.isSafeInteger(input.conversationId)
          ? await trx('conversation').where({ id: input.conversationId, kind: 'client' }).forUpdate().first('id')
          : undefined;
        const record = locked ? await service('conversations').findRecord(Number(locked.id), trx) : null;
        if (!record) throw new NotFoundError('Thread not found. Create thread first?');
        if (!record.clientPhone || !record.businessNumber) throw new ValidationError('This client thread has no phone numbers yet, so it cannot send SMS.');
        const now = systemClock.now();
        const sender = { key: input.actor.kind === 'automation' ? `automation:${input.actor.id}` : 'automation', role: 'automation', displayName: input.actor.kind === 'automation' ? input.actor.displayName : SYSTEM_SENDER_NAME };
        const id = (await service('message-store').append(
          trx,
          record.id,
          {
            route_type: 'AUTOMATION_TO_CLIENT',
            state: 'queued',
            sender_key: sender.key,
            sender_role: sender.role,
            sender_display_name: sender.displayName,
            effective_role: ROUTE_MATRIX.AUTOMATION_TO_CLIENT.effectiveRole,
            body_html: bodyHtml,
            body_text: bodyText,
            idempotency_key: null,
          },
          now,
        ))!;
        // An automation cannot bypass the anti-poaching check (OPS §2.4): a refused message is stored blocked, not sent.
        const blocked = await messages.withheldByPolicy(trx, record, id, { routeType: 'AUTOMATION_TO_CLIENT', bodyText, sender });
        const outboundId = blocked ? null : await messages.queueSms(record, id, bodyText);
        await auditLog(strapi).record({
          actor: input.actor,
          action: AUDIT_ACTIONS.automationToClient,
          entity: { type: 'message', id },
          conversationId: record.id,
          messageId: id,
          details: { routeType: 'AUTOMATION_TO_CLIENT', reason: input.reason, clientId: record.clientId ?? null, businessNumber: record.businessNumber },
        });
        const stored = (await service('message-store').findById(id, trx))!;
        onCommit(() => {
          messages
            .releaseAfterCommit(record, id, outboundId)
            .catch((error) => strapi.log.error(`[messaging] automated message ${id} in thread ${record.id} was not sent or published: ${error}`));
        });
        return shapeMessage(stored, anyStaff);
      });
    },

    /**
     * Issue 18: an owner approved a message the policy withheld. A blocked send goes out now, once: `blocked` →
     * `queued` with its SMS recorded; a held client message reaches its sitter: `held` → `received`. In the caller's
     * transaction (or its own); after commit the SMS goes to the provider and the message is pushed as message:updated,
     * whole from then on. Answers false when it was not withheld (already released). A blocked one is refused with 409
     * while the readiness gate is closed.
     */
    async releaseWithheld(messageId: string): Promise<boolean> {
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const row = await trx('message').where({ ordering_key: messageId }).first('conversation_id', 'state');
        if (!row) return false;
        // API.md "Readiness gate": a blocked message released is an SMS to a client now; it waits for setup like a send
        // (a held one only reaches its sitter, and is never gated). Refused, the approval changes nothing.
        if (row.state === 'blocked') await providerReadiness(strapi).assertReadyForClientSends();
        await trx('conversation').where('id', row.conversation_id).forUpdate().first('id');
        const released = await trx('message')
          .where({ ordering_key: messageId })
          .whereIn('state', ['blocked', 'held'])
          .update({ state: trx.raw(`CASE WHEN state = 'blocked' THEN 'queued' ELSE 'received' END`), policy_notice: null, policy_redacted_text: null, updated_at: systemClock.now() })
          .returning(['body_text', 'state']);
        if (released.length === 0) return false;
        const record = (await service('conversations').findRecord(Number(row.conversation_id), trx))!;
        const outboundId = released[0].state === 'queued' ? await service('messages').queueSms(record, messageId, released[0].body_text) : null;
        onCommit(() => {
          (async () => {
            if (outboundId !== null) await providerOutbound(strapi).dispatch(outboundId);
            const stored = await service('message-store').findById(messageId);
            if (stored) await service('realtime').publishUpdate(record, stored, { withViolation: true });
          })().catch((error) => strapi.log.error(`[messaging] released message ${messageId} was not sent or published: ${error}`));
        });
        return true;
      });
    },

    /**
     * Issue 18: a violation on this message was reviewed. Once the caller's transaction commits, staff hear the
     * message again (its `violation` status) and the thread (its `flags.openViolations`), on every node.
     */
    violationReviewed: (messageId: string): Promise<void> => republishForStaff(messageId, 'the review of', { withViolation: true }),

    /**
     * Issue 19: the compliance plugin opened, changed or resolved this message's delivery failure. Once the caller's
     * transaction commits, staff hear the message again (its `deliveryFailure`) and the thread (`flags.failedDeliveries`).
     */
    deliveryFailureChanged: (messageId: string): Promise<void> => republishForStaff(messageId, 'the delivery failure of', {}),

    /**
     * Issue 19: the client thread a message belongs to, as the compliance feeds name it (the client's name, else their
     * phone); null for a message that is not in a client thread.
     */
    async threadOfMessage(messageId: string): Promise<{ conversationId: number; clientName: string; clientPhone: string; businessNumber: string | null } | null> {
      const stored = await service('message-store').findById(messageId);
      const record = stored ? await service('conversations').findRecord(stored.conversationId) : null;
      if (!record || record.kind !== 'client') return null;
      const phone = record.clientPhone ?? '';
      return { conversationId: record.id, clientName: record.clientName || phone, clientPhone: phone, businessNumber: record.businessNumber ?? null };
    },

    /** Issue 18: the words of a message as written (a withheld one included), for the Owner's audited reveal; null when there is none. */
    async originalText(messageId: string): Promise<string | null> {
      const row = await strapi.db.connection('message').where({ ordering_key: messageId }).first('body_text');
      return row ? String(row.body_text) : null;
    },

    /**
     * DOMAIN.md "Owner inbox notice": a staff-only `SYSTEM` note in a client thread (never shown to sitters, businesses
     * or clients) that marks the thread unread for staff. Joins the caller's transaction; published once it commits.
     */
    async staffNotice(conversationId: number, text: string): Promise<string> {
      const { bodyHtml, bodyText } = sanitizeMessageHtml(textToMessageHtml(text));
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const locked = await trx('conversation').where({ id: conversationId, kind: 'client' }).forUpdate().first('id');
        if (!locked) throw new NotFoundError('Thread not found. Create thread first?');
        const id = (await service('message-store').append(
          trx,
          conversationId,
          { route_type: 'SYSTEM', state: 'sent', sender_key: 'system', sender_role: 'system', sender_display_name: SYSTEM_SENDER_NAME, effective_role: 'system', body_html: bodyHtml, body_text: bodyText, idempotency_key: null },
          systemClock.now(),
        ))!;
        onCommit(() => {
          (async () => {
            const [record, stored] = await Promise.all([service('conversations').findRecord(conversationId), service('message-store').findById(id)]);
            if (record && stored) await service('realtime').publishMessage(record, stored);
          })().catch((error) => strapi.log.error(`[messaging] staff notice ${id} on thread ${conversationId} was not published: ${error}`));
        });
        return id;
      });
    },

    /** A delivery update from the provider becomes the message's state, pushed as message:updated. */
    async applyDelivery(update: DeliveryUpdate): Promise<void> {
      await strapi.db.connection('message').where('ordering_key', update.messageRef).update({ state: update.status, updated_at: systemClock.now() });
      const stored = await service('message-store').findById(update.messageRef);
      if (!stored) return;
      const record = await service('conversations').findRecord(stored.conversationId);
      if (record) await service('realtime').publishUpdate(record, stored);
    },
  };
  return api;
};

export type ClientThreadsService = ReturnType<typeof clientThreads>;
export default clientThreads;
