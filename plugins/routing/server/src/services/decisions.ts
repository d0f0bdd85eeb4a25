import type { Core } from '@strapi/strapi';
import { NotFoundError } from '@switchboard/kit';
import type { RoutingDecision, RoutingRuleRow } from '../../../shared/contracts';
import type { RoutingEvaluation } from '../domain/evaluate';
import { RULES, RULESET_HASH, type RoutingRuleId } from '../domain/rules';
import { DECISION_UID, SENTENCES } from '../constants';

interface DecisionRow {
  id: number;
  conversationId: number;
  messageId: string | null;
  at: Date | string;
  matchedRule: RoutingRuleId;
  targetType: 'sitter' | 'owner_inbox';
  targetSitterId: number | null;
  targetLabel: string;
  steps: RoutingDecision['steps'];
  reason: string;
  overridden: boolean;
  overrideId: string | null;
  rulesetHash: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function toDecisionView(row: DecisionRow): RoutingDecision {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    conversationId: String(row.conversationId),
    messageId: row.messageId,
    steps: row.steps,
    target: row.targetType === 'sitter' ? { type: 'sitter', sitterId: Number(row.targetSitterId), label: row.targetLabel } : { type: 'owner_inbox', label: row.targetLabel },
    reason: row.reason,
    matchedRule: row.matchedRule,
    overridden: Boolean(row.overridden),
    overrideId: row.overrideId,
    rulesetHash: row.rulesetHash,
  };
}

/** Recorded routing decisions (one per inbound SMS, never edited) and what the rules table reads of them. */
const decisions = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(DECISION_UID as any);

  return {
    /** Records one decision; through strapi.db.query, so inside messaging's receive transaction it joins it. */
    async record(input: { conversationId: number; messageId: string; at: Date; clientPhone: string; businessNumber: string }, result: RoutingEvaluation): Promise<RoutingDecision> {
      const row = (await rows().create({
        data: {
          conversationId: input.conversationId,
          messageId: input.messageId,
          at: input.at,
          matchedRule: result.matchedRule ?? 'default_owner_inbox',
          targetType: result.target.type === 'sitter' ? 'sitter' : 'owner_inbox',
          targetSitterId: result.target.sitterId ?? null,
          targetLabel: result.target.label,
          steps: result.steps,
          reason: result.reason,
          overridden: result.overridden,
          overrideId: result.overrideId,
          rulesetHash: RULESET_HASH,
          clientPhone: input.clientPhone,
          businessNumber: input.businessNumber,
        },
      })) as DecisionRow;
      return toDecisionView(row);
    },

    async one(id: number): Promise<RoutingDecision & { clientPhone: string | null; businessNumber: string | null }> {
      const row = (await rows().findOne({ where: { id } })) as (DecisionRow & { clientPhone: string | null; businessNumber: string | null }) | null;
      if (!row) throw new NotFoundError(SENTENCES.decisionNotFound);
      return { ...toDecisionView(row), clientPhone: row.clientPhone, businessNumber: row.businessNumber };
    },

    /** GET /routing/history: newest first, filtered, paged (`beforeId` pages without offsets). */
    async list(query: { conversationId?: number; from?: Date; to?: Date; rule?: string; result?: 'sitter' | 'owner_inbox'; beforeId?: number; page: number; pageSize: number }) {
      const at: Record<string, Date> = {};
      if (query.from) at.$gte = query.from;
      if (query.to) at.$lt = query.to;
      const where = {
        ...(query.conversationId ? { conversationId: query.conversationId } : {}),
        ...(Object.keys(at).length ? { at } : {}),
        ...(query.rule ? { matchedRule: query.rule } : {}),
        ...(query.result ? { targetType: query.result } : {}),
      };
      const paged = query.beforeId ? { ...where, id: { $lt: query.beforeId } } : where;
      const [found, total] = await Promise.all([
        rows().findMany({ where: paged, orderBy: [{ at: 'desc' }, { id: 'desc' }], offset: query.beforeId ? 0 : (query.page - 1) * query.pageSize, limit: query.pageSize }),
        rows().count({ where }),
      ]);
      return {
        data: (found as DecisionRow[]).map(toDecisionView),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /** The staff message shape's `routing`, for a page of messages. */
    async ofMessages(messageIds: string[]): Promise<Map<string, RoutingDecision>> {
      if (messageIds.length === 0) return new Map();
      const found = (await rows().findMany({ where: { messageId: { $in: messageIds } } })) as DecisionRow[];
      return new Map(found.map((r) => [r.messageId!, toDecisionView(r)]));
    },

    /**
     * GET /routing/rules: each rule with when it was last evaluated and how often in the last 24 hours. A decision
     * evaluated every rule up to the one that matched (they run in order), so those are counted for each of them.
     */
    async rules(now: Date): Promise<RoutingRuleRow[]> {
      const since = new Date(now.getTime() - DAY_MS);
      const knex = strapi.db.connection;
      type Stat = { matched_rule: string; last: Date | string | null; n: string | number };
      const [recent, ever] = (await Promise.all([
        knex('routing_decision').select('matched_rule').max({ last: 'at' }).count({ n: '*' }).where('at', '>', since).groupBy('matched_rule'),
        knex('routing_decision').select('matched_rule').max({ last: 'at' }).count({ n: '*' }).groupBy('matched_rule'),
      ])) as unknown as [Stat[], Stat[]];
      const priorityOf = (id: string) => RULES.find((r) => r.id === id)?.priority ?? 0;
      return RULES.map((rule) => {
        const reached = (stats: Stat[]) => stats.filter((s) => priorityOf(s.matched_rule) >= rule.priority);
        const lastTimes = reached(ever).map((s) => (s.last ? new Date(s.last).getTime() : 0));
        return {
          id: rule.id,
          name: rule.name,
          priority: rule.priority,
          description: rule.description,
          status: 'active' as const,
          lastEvaluatedAt: lastTimes.length && Math.max(...lastTimes) > 0 ? new Date(Math.max(...lastTimes)).toISOString() : null,
          evaluations24h: reached(recent).reduce((sum, s) => sum + Number(s.n), 0),
        };
      });
    },
  };
};

export type DecisionsService = ReturnType<typeof decisions>;
export default decisions;
