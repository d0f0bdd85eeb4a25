import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ForbiddenError, NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import type { ClientsService } from '@switchboard/people';
import type { ClientThreadsService } from '@switchboard/messaging';
import { evaluate } from '../domain/evaluate';
import { forecast, replayVerdict, startOfHour } from '../domain/forecast';
import { historySchema, idParam, overrideListSchema, overrideSchema, simulateSchema, writeQuerySchema } from '../domain/inputs';
import { actionId, SENTENCES } from '../constants';
import { getService } from '../get-service';
import type { ThreadFacts } from '../services/engine';
import { z } from 'zod';

type Ctx = any;

const forecastSchema = z.strictObject(
  {
    conversationId: z.coerce.number({ error: 'conversationId must be a whole number.' }).int({ error: 'conversationId must be a whole number.' }).positive({ error: 'conversationId must be a whole number.' }),
    from: z.coerce.date({ error: 'from must be a date and time, like 2027-01-19T14:30:00Z.' }).optional(),
  },
  { error: 'Unknown query parameter.' },
);

/** The Routing page's routes (API.md "Routing"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => getService(strapi, 'engine');
  const actor = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  // API.md "Order of checks": a missing route action answers first, with its sentence.
  const ownerOnly = (ctx: Ctx) => {
    if (!ctx.state.userAbility?.can(actionId('override'))) throw new ForbiddenError(SENTENCES.onlyOwner);
  };

  /** The simulator's thread: by id, or the client's thread on that number (none yet: a preview thread). */
  async function factsFor(input: { conversationId?: number; clientPhone?: string; number?: string }): Promise<ThreadFacts> {
    if (input.conversationId !== undefined) return engine().threadFacts(input.conversationId);
    const client = await (strapi.plugin('people').service('clients') as ClientsService).byPhone(input.clientPhone!);
    const threads = client ? await (strapi.plugin('messaging').service('client-threads') as ClientThreadsService).threadsOfClient(client.id) : [];
    const thread = threads.find((t) => t.businessNumber === input.number);
    return { conversationId: thread ? Number(thread.conversationId) : null, clientId: client?.id ?? null, clientPhone: input.clientPhone!, businessNumber: input.number!, threadCreated: !thread };
  }

  return {
    /** GET /routing/rules */
    async rules(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'decisions').rules(systemClock.now()) };
    },

    /** POST /routing/simulate: read-only. */
    async simulate(ctx: Ctx) {
      const input = parseInput(simulateSchema, ctx.request.body ?? {});
      const at = input.at ?? systemClock.now();
      const { snapshot, result } = await engine().evaluate(await factsFor(input), at, { direction: input.direction });
      ctx.body = { data: { steps: result.steps, target: result.target, reason: result.reason, matchedRule: result.matchedRule, overridden: result.overridden, at: at.toISOString(), timeZone: snapshot.timeZone } };
    },

    /** GET /routing/overrides?conversationId&status&page&pageSize */
    async listOverrides(ctx: Ctx) {
      const query = parseInput(overrideListSchema, ctx.query ?? {});
      ctx.body = await getService(strapi, 'overrides').list(query, systemClock.now());
    },

    /** POST /routing/overrides?preview=true (Owner only) */
    async createOverride(ctx: Ctx) {
      ownerOnly(ctx);
      const { preview } = parseInput(writeQuerySchema, ctx.query ?? {});
      const input = parseInput(overrideSchema, ctx.request.body ?? {});
      const result = await getService(strapi, 'overrides').create(input, actor(ctx), preview === 'true');
      if ('preview' in result) {
        ctx.body = { data: result };
        return;
      }
      ctx.status = 201;
      ctx.body = { data: { ...result.override, confirmation: result.confirmation } };
    },

    /** DELETE /routing/overrides/:id (Owner only) */
    async removeOverride(ctx: Ctx) {
      ownerOnly(ctx);
      ctx.body = { data: await getService(strapi, 'overrides').remove(String(ctx.params.id), actor(ctx)) };
    },

    /** GET /routing/history?conversationId&from&to&rule&result&beforeId&page&pageSize */
    async history(ctx: Ctx) {
      const query = parseInput(historySchema, ctx.query ?? {});
      ctx.body = await getService(strapi, 'decisions').list(query);
    },

    /** GET /routing/decisions/:id: one decision, with the window status at its time (the inbox's routing badge). */
    async decision(ctx: Ctx) {
      const id = idParam(ctx.params.id);
      if (id === null) throw new NotFoundError(SENTENCES.decisionNotFound);
      const { clientPhone: _phone, businessNumber: _number, ...decision } = await getService(strapi, 'decisions').one(id);
      ctx.body = { data: decision };
    },

    /** POST /routing/decisions/:id/replay: the same inbound at the same time, with today's rules and state. */
    async replay(ctx: Ctx) {
      const id = idParam(ctx.params.id);
      if (id === null) throw new NotFoundError(SENTENCES.decisionNotFound);
      const original = await getService(strapi, 'decisions').one(id);
      const facts: ThreadFacts = { conversationId: Number(original.conversationId), clientId: null, clientPhone: original.clientPhone ?? '', businessNumber: original.businessNumber ?? '', threadCreated: false };
      if (!facts.clientPhone || !facts.businessNumber) Object.assign(facts, await engine().threadFacts(facts.conversationId!));
      const { result } = await engine().evaluate(facts, new Date(original.at), { direction: 'inbound' });
      const { clientPhone: _p, businessNumber: _n, ...shown } = original;
      ctx.body = {
        data: {
          original: shown,
          replay: { steps: result.steps, target: result.target, reason: result.reason, matchedRule: result.matchedRule, overridden: result.overridden },
          ...replayVerdict(original, result),
        },
      };
    },

    /** GET /routing/forecast?conversationId&from: the next 7 days hour by hour, and the hours no sitter would get. */
    async forecast(ctx: Ctx) {
      const query = parseInput(forecastSchema, ctx.query ?? {});
      const from = startOfHour(query.from ?? systemClock.now());
      const snapshot = await engine().snapshot(await engine().threadFacts(query.conversationId), from);
      const { hours, gaps } = forecast(from, 7 * 24, (at) => evaluate(snapshot, at, { direction: 'inbound' }));
      ctx.body = { data: { conversationId: String(query.conversationId), timeZone: snapshot.timeZone, hours, gaps } };
    },
  };
};

export default admin;
