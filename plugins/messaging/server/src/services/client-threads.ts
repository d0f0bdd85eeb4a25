import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import type { DeliveryUpdate, InboundSms } from '@switchboard/provider';
import { sanitizeMessageHtml, isEmptyAfterSanitizing } from '../domain/sanitize';
import { textToMessageHtml } from '../domain/text-to-html';
import { getService } from '../get-service';

/**
 * Client SMS threads (DOMAIN.md kind `client`). Until the routing issue lands, every inbound SMS goes to the
 * owner inbox: one thread per (business number, client number), created on first contact.
 */
const clientThreads = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <K extends 'conversations' | 'message-store' | 'realtime'>(name: K) => getService(strapi, name);

  return {
    async receiveInbound(sms: InboundSms): Promise<void> {
      const body = sanitizeMessageHtml(textToMessageHtml(sms.body));
      if (isEmptyAfterSanitizing(body)) return;
      const now = systemClock.now();
      const uniqueKey = `client:${sms.to}:${sms.from}`;
      const result = await strapi.db.transaction(async ({ trx }) => {
        // The client's thread on this number: one that was moved here (a number quarantined or released moves its
        // threads, keeping their key), else the one keyed by this number, created on first contact.
        const moved = await trx('conversation')
          .where({ kind: 'client', client_phone: sms.from, business_number: sms.to })
          .orderBy([{ column: 'last_activity_at', order: 'desc' }, { column: 'id', order: 'desc' }])
          .first('id');
        if (!moved) {
          await trx('conversation')
            .insert({ kind: 'client', unique_key: uniqueKey, client_phone: sms.from, business_number: sms.to, visibility_policy: JSON.stringify({ businessVisible: false }), last_activity_at: now, created_at: now, updated_at: now })
            .onConflict('unique_key')
            .ignore();
        }
        const conversation = moved
          ? await trx('conversation').where('id', moved.id).forUpdate().first('id')
          : await trx('conversation').where('unique_key', uniqueKey).forUpdate().first('id');
        const id = await service('message-store').append(trx, Number(conversation.id), {
          route_type: 'CLIENT_INBOUND',
          state: 'received',
          sender_key: `client:${sms.from}`,
          sender_role: 'client',
          sender_display_name: sms.from,
          effective_role: 'client',
          body_html: body.bodyHtml,
          body_text: body.bodyText,
          idempotency_key: `sms:${sms.providerMessageId}`,
        }, now);
        // null: the provider delivered this SMS before, and it is stored already.
        return id === null ? null : { conversationId: Number(conversation.id), messageId: id };
      });
      if (result === null) return;
      const record = await service('conversations').findRecord(result.conversationId);
      const stored = await service('message-store').findById(result.messageId);
      if (record && stored) await service('realtime').publishMessage(record, stored);
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
};

export type ClientThreadsService = ReturnType<typeof clientThreads>;
export default clientThreads;
