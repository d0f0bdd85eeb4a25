import type { Core } from '@strapi/strapi';
import { NotFoundError } from '@switchboard/kit';
import { systemClock } from '@switchboard/config';
import type { DeliveryStatus } from '../domain/provider';
import { describeProviderError, type ProviderProblem } from '../domain/provider-errors';
import { deliveryProblem, deliveryUpdate, statusCallbackChange, statusesBefore, toDeliveryView, toOutboundRow, type DeliveryUpdate, type DeliveryView } from '../domain/outbound-message';
import { OUTBOUND_UID, TABLES } from '../constants';
import { getService } from '../get-service';

export type { DeliveryUpdate } from '../domain/outbound-message';
type DeliveryListener = (update: DeliveryUpdate) => Promise<void> | void;

/**
 * Outbound SMS records (OPS §4.7): what messaging records and dispatches, what status callbacks change, the dead
 * letters an owner retries, and the listeners told of every change. The sending itself is services/delivery.ts.
 */
const outbound = ({ strapi }: { strapi: Core.Strapi }) => {
  const listeners: DeliveryListener[] = [];
  const delivery = () => getService(strapi, 'delivery');

  return {
    /** Messaging registers here at bootstrap: provider knows nothing of conversations. */
    onDelivery(listener: DeliveryListener): void {
      listeners.push(listener);
    },

    /** Tells every listener about a change; a failing listener is logged and never stops the others or the worker. */
    async notify(update: DeliveryUpdate): Promise<void> {
      for (const listener of listeners) {
        try {
          await listener(update);
        } catch (error) {
          strapi.log.error(`[provider] delivery listener failed for outbound ${update.outboundId}: ${(error as Error).message}`);
        }
      }
    },

    /** Records an SMS to send; joins the caller's transaction. Call `dispatch` after it commits. */
    async record(input: { messageRef: string; from: string; to: string; body: string }): Promise<number> {
      const created = await strapi.db.query(OUTBOUND_UID).create({
        data: { messageRef: input.messageRef, fromNumber: input.from, toNumber: input.to, body: input.body, status: 'queued', attempts: 0, deadLettered: false },
      });
      return created.id;
    },

    /** Hands a recorded SMS to the delivery worker. */
    dispatch: (outboundId: number): Promise<void> => delivery().enqueue(outboundId),

    /** Dead letters: failed sends an owner can see and retry (OPS §4.7). */
    async deadLetters(): Promise<(DeliveryView & { problem: ProviderProblem })[]> {
      const rows = await strapi.db.query(OUTBOUND_UID).findMany({ where: { deadLettered: true }, orderBy: { id: 'desc' } });
      return rows.map((r: any) => ({ ...toDeliveryView(toOutboundRow(r)), problem: describeProviderError({ code: r.errorCode }) }));
    },

    /**
     * Sends a failed SMS again (an owner's manual retry): a dead letter the provider never accepted, or one the network
     * reported `failed` or `undelivered` (a new send: the old provider id is forgotten, so its late callbacks change
     * nothing). NotFoundError when that id is not waiting for one (or is no id).
     */
    async retry(outboundId: number | null): Promise<DeliveryView | null> {
      const updated =
        outboundId === null
          ? 0
          : await strapi.db
              .connection(TABLES.outbound)
              .where({ id: outboundId })
              .where((q) => q.where((d) => d.where('dead_lettered', true).whereNull('provider_message_id')).orWhereIn('status', ['failed', 'undelivered']))
              .update({ dead_lettered: false, status: 'queued', attempts: 0, provider_message_id: null, updated_at: systemClock.now() });
      if (!updated) throw new NotFoundError('That failed message is not waiting for a retry; it may already have been retried.');
      await delivery().enqueue(outboundId!);
      return this.find(outboundId!);
    },

    /**
     * Sends that have waited too long (OPS §4.7, the provider's known crash window): still `queued`, `retrying` or
     * `sending`, never accepted by the provider, untouched since `cutoff`. Oldest first.
     */
    async stuckSince(cutoff: Date, limit = 500): Promise<DeliveryView[]> {
      const rows = await strapi.db
        .connection(TABLES.outbound)
        .whereIn('status', ['queued', 'retrying', 'sending'])
        .whereNull('provider_message_id')
        .where('dead_lettered', false)
        .where('updated_at', '<', cutoff)
        .orderBy('id')
        .limit(limit);
      return rows.map((r: Record<string, unknown>) => toDeliveryView(toOutboundRow(r)));
    },

    /**
     * An owner's manual retry of a stuck send (`stuckSince`): back to `queued` with a fresh count of attempts and handed
     * to the worker. NotFoundError when it is no longer stuck (it went out, failed, or was retried meanwhile).
     */
    async retryStuck(outboundId: number, cutoff: Date): Promise<DeliveryView | null> {
      const updated = await strapi.db
        .connection(TABLES.outbound)
        .where({ id: outboundId, dead_lettered: false })
        .whereIn('status', ['queued', 'retrying', 'sending'])
        .whereNull('provider_message_id')
        .where('updated_at', '<', cutoff)
        .update({ status: 'queued', attempts: 0, updated_at: systemClock.now() });
      if (!updated) throw new NotFoundError('That message is no longer stuck; it may have been sent or retried meanwhile.');
      await delivery().enqueue(outboundId);
      return this.find(outboundId);
    },

    /**
     * API.md "Demo organisation": the demo's delivery failure "is written in its final state (three attempts made), so
     * no queue timing matters". The message's SMS becomes a dead letter with `attempts` spent and the provider's error,
     * whatever the worker did meanwhile, and every listener hears it. False when the message has no SMS.
     */
    async settleAsFailed(messageRef: string, attempts: number, errorCode: number): Promise<boolean> {
      const problem = describeProviderError({ code: errorCode });
      const row = await strapi.db.connection(TABLES.outbound).where({ message_ref: messageRef }).first();
      if (!row) return false;
      await strapi.db
        .connection(TABLES.outbound)
        .where({ id: row.id })
        .update({ status: 'failed', dead_lettered: true, attempts, provider_message_id: null, error_code: errorCode, error_message: problem.message, updated_at: systemClock.now() });
      const settled = await strapi.db.connection(TABLES.outbound).where({ id: row.id }).first();
      await this.notify(deliveryUpdate(toOutboundRow(settled), deliveryProblem(problem)));
      return true;
    },

    /**
     * A status callback from the provider: moves the delivery state forward, never back. False when nothing changed.
     * The update is conditional on a state the callback advances, so callbacks applied at once (the provider's
     * duplicates, or a late "sent" racing "delivered") change the row and tell the listeners at most once.
     */
    async applyStatus(input: { providerMessageId: string; status: DeliveryStatus; errorCode: number | null }): Promise<boolean> {
      const found = await strapi.db.query(OUTBOUND_UID).findOne({ where: { providerMessageId: input.providerMessageId } });
      const decision = found ? statusCallbackChange(found.status, input.status, input.errorCode) : null;
      if (!found || !decision) return false;
      const { status, errorCode, errorMessage } = decision.change;
      const moved = await strapi.db
        .connection(TABLES.outbound)
        .where({ id: found.id, provider_message_id: input.providerMessageId })
        .whereIn('status', statusesBefore(input.status))
        .update({ status, ...(errorCode === undefined ? {} : { error_code: errorCode, error_message: errorMessage }), updated_at: systemClock.now() });
      if (!moved) return false;
      await this.notify(deliveryUpdate({ ...toOutboundRow(found), ...decision.change }, decision.problem));
      return true;
    },

    async find(outboundId: number): Promise<DeliveryView | null> {
      const row = await strapi.db.query(OUTBOUND_UID).findOne({ where: { id: outboundId } });
      return row ? toDeliveryView(toOutboundRow(row)) : null;
    },
  };
};

export type OutboundService = ReturnType<typeof outbound>;
export default outbound;
