import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import type { z } from 'zod';
import { InventoryRefusal, type Actor, type InventoryService } from '../services/inventory';
import { ProviderFailure } from '@switchboard/provider';
import {
  assignSchema,
  bulkSchema,
  buySchema,
  idParamSchema,
  importSchema,
  listQuerySchema,
  previewQuerySchema,
  quarantineSchema,
  searchQuerySchema,
  sitterParamSchema,
} from '../domain/inputs';

type Ctx = any;

const answer = (ctx: Ctx, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};
const NAMES: Record<number, string> = { 400: 'ValidationError', 404: 'NotFoundError', 409: 'ConflictError', 502: 'ProviderError' };

/** Thin handlers: parse with zod, call the service, turn a refusal into its sentence. */
const inventoryController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('numbers').service('inventory') as InventoryService;
  const actor = (ctx: Ctx): Actor => ({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });
  const parse = <S extends z.ZodTypeAny>(ctx: Ctx, schema: S, value: unknown): z.infer<S> | undefined => {
    const parsed = schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    answer(ctx, 400, 'ValidationError', parsed.error.issues[0].message);
    return undefined;
  };
  const run = async (ctx: Ctx, work: () => Promise<unknown>, status = 200) => {
    try {
      const data = await work();
      ctx.status = status;
      ctx.body = { data };
    } catch (error) {
      if (error instanceof InventoryRefusal) return answer(ctx, error.status, NAMES[error.status], error.message);
      if (error instanceof ProviderFailure) return answer(ctx, error.problem.retryable ? 502 : 400, 'ProviderError', [error.problem.message, error.problem.nextStep].filter(Boolean).join(' '));
      throw error;
    }
  };
  const withId = (ctx: Ctx) => parse(ctx, idParamSchema, ctx.params)?.id;
  const capabilities = (ctx: Ctx) =>
    Object.fromEntries((['assign', 'release', 'buy', 'quarantine', 'bulk'] as const).map((a) => [a, Boolean(ctx.state.userAbility?.can(`plugin::numbers.${a}`))])) as Record<
      'assign' | 'release' | 'buy' | 'quarantine' | 'bulk',
      boolean
    >;

  return {
    /** The inventory, and what this admin may do with it (the page offers only what the server would allow). */
    async list(ctx: Ctx) {
      const query = parse(ctx, listQuerySchema, ctx.query);
      if (!query) return;
      await run(ctx, () => service().list(query));
      if (ctx.status === 200) ctx.body.meta = { capabilities: capabilities(ctx) };
    },
    async show(ctx: Ctx) {
      const id = withId(ctx);
      if (id) await run(ctx, () => service().detail(id));
    },
    async preview(ctx: Ctx) {
      const id = withId(ctx);
      const query = id && parse(ctx, previewQuerySchema, ctx.query);
      if (id && query) await run(ctx, () => service().preview(id, query.action, query));
    },
    async search(ctx: Ctx) {
      const query = parse(ctx, searchQuerySchema, ctx.query);
      if (query) await run(ctx, () => service().searchAvailable(query.areaCode));
    },
    async buy(ctx: Ctx) {
      const body = parse(ctx, buySchema, ctx.request.body);
      if (body) await run(ctx, () => service().buy(body, actor(ctx)), 201);
    },
    async import(ctx: Ctx) {
      const body = parse(ctx, importSchema, ctx.request.body);
      if (body) await run(ctx, () => service().import(body, actor(ctx)), 201);
    },
    async assign(ctx: Ctx) {
      const id = withId(ctx);
      const body = id && parse(ctx, assignSchema, ctx.request.body);
      if (id && body) await run(ctx, () => service().assign(id, body.sitterUserId, actor(ctx)));
    },
    async release(ctx: Ctx) {
      const id = withId(ctx);
      if (id) await run(ctx, () => service().release(id, actor(ctx)));
    },
    async quarantine(ctx: Ctx) {
      const id = withId(ctx);
      const body = id && parse(ctx, quarantineSchema, ctx.request.body);
      if (id && body) await run(ctx, () => service().quarantine(id, body, actor(ctx)));
    },
    async releaseFromQuarantine(ctx: Ctx) {
      const id = withId(ctx);
      if (id) await run(ctx, () => service().releaseFromQuarantine(id, actor(ctx)));
    },
    async bulk(ctx: Ctx) {
      const body = parse(ctx, bulkSchema, ctx.request.body);
      if (body) await run(ctx, () => service().bulk(body, actor(ctx)));
    },
    async exportCsv(ctx: Ctx) {
      const csv = await service().exportCsv();
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="number-inventory.csv"');
      ctx.body = csv;
    },
    async sitters(ctx: Ctx) {
      await run(ctx, () => service().sitterList());
    },
    async activateSitter(ctx: Ctx) {
      const params = parse(ctx, sitterParamSchema, ctx.params);
      if (params) await run(ctx, () => service().activateSitter(params.userId, actor(ctx)));
    },
    async deactivateSitter(ctx: Ctx) {
      const params = parse(ctx, sitterParamSchema, ctx.params);
      if (params) await run(ctx, () => service().deactivateSitter(params.userId, actor(ctx)));
    },
  };
};

export default inventoryController;
