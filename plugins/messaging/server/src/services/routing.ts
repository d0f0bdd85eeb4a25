import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { systemClock } from '@switchboard/config';
import { NO_ROUTING, type InboundRouting, type InboundToRoute, type MessageRouting, type RoutingPort, type SitterOverride, type ThreadOverride } from '../domain/routing-port';
import { userKey } from '../domain/viewer';
import { getService } from '../get-service';

/**
 * The routing port (domain/routing-port.ts, issue 17): messaging asks routing who receives an inbound SMS, and what
 * staff and sitters see of its decisions and overrides. Routing fills it at bootstrap (`fill`); until then every
 * inbound SMS goes to the owner inbox and no thread has an override.
 */
const routing = ({ strapi }: { strapi: Core.Strapi }) => {
  let port: RoutingPort = NO_ROUTING;

  return {
    /** Called once by routing's bootstrap. */
    fill(implementation: RoutingPort): void {
      port = implementation;
    },

    /**
     * Never throws: a port that fails leaves the message in the owner inbox, logged with its ids (never lost). Inside
     * the receive transaction (`trx`) the port runs under a savepoint, so a failed query of routing's rolls back only
     * routing's own writes, and the message is still stored.
     */
    async routeInbound(inbound: InboundToRoute, trx?: Knex.Transaction): Promise<InboundRouting> {
      if (trx) await trx.raw('SAVEPOINT routing_inbound');
      try {
        const routed = await port.routeInbound(inbound);
        if (trx) await trx.raw('RELEASE SAVEPOINT routing_inbound');
        return routed;
      } catch (error) {
        if (trx) await trx.raw('ROLLBACK TO SAVEPOINT routing_inbound');
        strapi.log.error(`[messaging] routing inbound message ${inbound.messageId} on thread ${inbound.conversationId} failed; it stays in the owner inbox: ${error}`);
        return NO_ROUTING.routeInbound(inbound);
      }
    },
    routingOf: (messageIds: string[]): Promise<Map<string, MessageRouting>> => (messageIds.length === 0 ? Promise.resolve(new Map()) : port.routingOf(messageIds)),
    overridesOf: (conversationIds: number[], now: Date = systemClock.now()): Promise<Map<number, ThreadOverride>> =>
      conversationIds.length === 0 ? Promise.resolve(new Map()) : port.overridesOf(conversationIds, now),
    sitterOverrides: (filter: { sitterUserId?: number; conversationId?: number }, now: Date = systemClock.now()): Promise<SitterOverride[]> => port.sitterOverrides(filter, now),
    sitterOverridePeriods: (sitterUserId: number, conversationId: number) => port.sitterOverridePeriods(sitterUserId, conversationId),

    /**
     * An override began or ended on a thread: staff lists read its new `flags.override`; a sitter override's sitter
     * gets the thread (conversation:updated) or loses it (conversation:removed) unless a window still gives it them.
     */
    async overrideChanged(change: { conversationId: number; sitterUserId: number | null }): Promise<void> {
      const record = await getService(strapi, 'conversations').findRecord(change.conversationId);
      if (!record || record.kind !== 'client') return;
      if (change.sitterUserId !== null) {
        const standing = await getService(strapi, 'sitter-access').standing(change.sitterUserId, record.id);
        if (standing.kind !== 'active') getService(strapi, 'realtime').conversationRemoved(userKey(change.sitterUserId), record.id);
      }
      await getService(strapi, 'realtime').conversationChanged(record);
    },
  };
};

export type RoutingService = ReturnType<typeof routing>;
export default routing;
