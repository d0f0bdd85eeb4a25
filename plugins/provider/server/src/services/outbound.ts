import type { Core } from '@strapi/strapi';
import { NotFoundError } from '@switchboard/kit';
import type { DeliveryStatus } from '../domain/provider';
import { describeProviderError, type ProviderProblem } from '../domain/provider-errors';
import { deliveryUpdate, statusCallbackChange, toDeliveryView, toOutboundRow, type DeliveryUpdate, type DeliveryView } from '../domain/outbound-message';
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

    /** Sends a dead letter again (an owner's manual retry); NotFoundError when that id is not waiting for one (or is no id). */
    async retry(outboundId: number | null): Promise<DeliveryView | null> {
      const updated =
        outboundId === null
          ? 0
          : await strapi.db.connection(TABLES.outbound).where({ id: outboundId, dead_lettered: true }).whereNull('provider_message_id').update({ dead_lettered: false, status: 'queued', attempts: 0 });
      if (!updated) throw new NotFoundError('That failed message is not waiting for a retry; it may already have been retried.');
      await delivery().enqueue(outboundId!);
      return this.find(outboundId!);
    },

    /** A status callback from the provider: moves the delivery state forward, never back. False when nothing changed. */
    async applyStatus(input: { providerMessageId: string; status: DeliveryStatus; errorCode: number | null }): Promise<boolean> {
      const found = await strapi.db.query(OUTBOUND_UID).findOne({ where: { providerMessageId: input.providerMessageId } });
      const decision = found ? statusCallbackChange(found.status, input.status, input.errorCode) : null;
      if (!found || !decision) return false;
      await strapi.db.query(OUTBOUND_UID).update({ where: { id: found.id }, data: decision.change });
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
