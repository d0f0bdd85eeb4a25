import type { Core } from '@strapi/strapi';
import type { InboundRouting, RoutingPort } from '@switchboard/messaging';
import { OWNER_INBOX_LABEL } from '../domain/evaluate';
import { getService } from '../get-service';
import { inSpan } from '@switchboard/kit';

interface MessagingRouting {
  fill?(port: RoutingPort): void;
  overrideChanged?(change: { conversationId: number; sitterUserId: number | null }): Promise<void>;
}

/**
 * What routing tells messaging (messaging's routing port, filled at bootstrap): who receives an inbound SMS (decided
 * and recorded inside messaging's receive transaction), the `routing` of staff messages, the threads' overrides, and
 * the sitter overrides that let a sitter read and message a thread.
 */
const port = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => getService(strapi, 'engine');
  const decisions = () => getService(strapi, 'decisions');
  const overrides = () => getService(strapi, 'overrides');
  const messaging = () => strapi.plugin('messaging').service('routing') as MessagingRouting | undefined;

  /** Who receives an inbound SMS, decided and recorded in messaging's receive transaction (never lost: owner inbox on failure). */
  async function decide(inbound: Parameters<RoutingPort['routeInbound']>[0]): Promise<InboundRouting> {
    const facts = { conversationId: inbound.conversationId, clientId: inbound.clientId, clientPhone: inbound.clientPhone, businessNumber: inbound.businessNumber, threadCreated: inbound.threadCreated };
    try {
      const { result } = await engine().evaluate(facts, inbound.at, { direction: 'inbound' });
      const decision = await decisions().record({ ...inbound }, result);
      return {
        decisionId: decision.id,
        target: result.target.type === 'sitter' ? { type: 'sitter', sitterId: result.target.sitterId, label: result.target.label } : { type: 'owner_inbox', label: OWNER_INBOX_LABEL },
        rule: decision.matchedRule,
        overridden: result.overridden,
        flags: result.flags,
        autoResponse: result.autoResponse ? (await getService(strapi, 'settings').get()).poolAutoResponse : null,
      };
    } catch (error) {
      // OPS §4.4 "If pool routing fails: Route to owner inbox, log error": the message is never lost.
      strapi.log.error(`[routing] evaluating inbound message ${inbound.messageId} on thread ${inbound.conversationId} failed; it goes to the owner inbox: ${error}`);
      return { decisionId: '', target: { type: 'owner_inbox', label: OWNER_INBOX_LABEL }, rule: 'default_owner_inbox', overridden: false, flags: {}, autoResponse: null };
    }
  }

  const implementation: RoutingPort = {
    routeInbound: (inbound) =>
      // PRD §10 traces: the routing decision is a step of the inbound SMS's trace.
      inSpan('routing.decide', { 'messaging.conversation_id': String(inbound.conversationId), 'messaging.message_id': inbound.messageId }, async (span) => {
        const routed = await decide(inbound);
        span.setAttributes({ 'routing.target': routed.target.type, 'routing.rule': routed.rule });
        return routed;
      }),

    async routingOf(messageIds) {
      const found = await decisions().ofMessages(messageIds);
      return new Map(
        [...found].map(([messageId, d]) => [
          messageId,
          { decisionId: d.id, target: d.target.type === 'sitter' ? { type: 'sitter' as const, sitterId: d.target.sitterId, label: d.target.label } : { type: 'owner_inbox' as const, label: d.target.label }, rule: d.matchedRule, overridden: d.overridden },
        ]),
      );
    },

    async overridesOf(conversationIds, now) {
      const rows = conversationIds.length ? await overrides().activeRows({ conversationIds }, now) : [];
      const result = new Map<number, { id: string; target: { type: 'sitter' | 'owner_inbox'; sitterId?: number; label: string }; endsAt: string | null }>();
      for (const r of rows) {
        if (result.has(Number(r.conversationId))) continue;
        result.set(Number(r.conversationId), {
          id: r.documentId,
          target: r.targetType === 'sitter' ? { type: 'sitter', sitterId: Number(r.targetSitterId), label: r.targetLabel } : { type: 'owner_inbox', label: r.targetLabel },
          endsAt: r.endsAt ? new Date(r.endsAt).toISOString() : null,
        });
      }
      return result;
    },

    async sitterOverrides(filter, now) {
      const rows = await overrides().activeRows({ conversationIds: filter.conversationId !== undefined ? [filter.conversationId] : undefined, sitterUserId: filter.sitterUserId }, now);
      return rows
        .filter((r) => r.targetType === 'sitter')
        .map((r) => ({ overrideId: r.documentId, conversationId: Number(r.conversationId), sitterUserId: Number(r.targetSitterId), startsAt: new Date(r.startsAt), endsAt: r.endsAt ? new Date(r.endsAt) : null }));
    },

    sitterOverridePeriods: (sitterUserId, conversationId) => overrides().sitterPeriods(sitterUserId, conversationId),
  };

  return {
    implementation,

    /** Called once by bootstrap. */
    fill(): void {
      const service = messaging();
      if (service?.fill) service.fill(implementation);
      else strapi.log.warn('[routing] messaging has no routing port to fill; inbound SMS keep going to the owner inbox.');
    },

    /** An override began or ended on a thread: staff lists and the override's sitter follow, on every node. */
    threadChanged(conversationId: number, sitterUserId: number | null): void {
      const service = messaging();
      if (!service?.overrideChanged) return;
      service.overrideChanged({ conversationId, sitterUserId }).catch((error) => strapi.log.error(`[routing] messaging did not hear of the override change on thread ${conversationId}: ${error}`));
    },
  };
};

export type PortService = ReturnType<typeof port>;
export default port;
