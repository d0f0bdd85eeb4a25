import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput } from '@switchboard/kit';
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
import { actionId } from '../constants';
import type { Actor } from '../services/lifecycle';
import { getService } from '../get-service';

type Ctx = any;

const CAPABILITIES = ['assign', 'release', 'buy', 'quarantine', 'bulk'] as const;

/** Thin handlers: parse with zod (a 400 with a sentence), call one service, answer `{ data }`; refusals are thrown. */
const inventoryController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <K extends Parameters<typeof getService>[1]>(name: K) => getService(strapi, name);
  const actor = (ctx: Ctx): Actor => ({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });
  const id = (ctx: Ctx) => parseInput(idParamSchema, ctx.params ?? {}).id;
  const body = <S extends Parameters<typeof parseInput>[0]>(ctx: Ctx, schema: S) => parseInput(schema, ctx.request.body ?? {});
  const answer = (ctx: Ctx, data: unknown, status = 200) => {
    ctx.status = status;
    ctx.body = { data };
  };
  const capabilities = (ctx: Ctx) =>
    Object.fromEntries(CAPABILITIES.map((a) => [a, Boolean(ctx.state.userAbility?.can(actionId(a)))])) as Record<(typeof CAPABILITIES)[number], boolean>;

  return {
    /** The inventory, and what this admin may do with it (the page offers only what the server would allow). */
    async list(ctx: Ctx) {
      const query = parseInput(listQuerySchema, ctx.query ?? {});
      answer(ctx, await service('inventory').list(query));
      ctx.body.meta = { capabilities: capabilities(ctx) };
    },
    async show(ctx: Ctx) {
      answer(ctx, await service('inventory').detail(id(ctx)));
    },
    async preview(ctx: Ctx) {
      const numberId = id(ctx);
      const query = parseInput(previewQuerySchema, ctx.query ?? {});
      answer(ctx, await service('inventory').preview(numberId, query.action, query));
    },
    async search(ctx: Ctx) {
      const query = parseInput(searchQuerySchema, ctx.query ?? {});
      answer(ctx, await service('purchasing').searchAvailable(query.areaCode));
    },
    async buy(ctx: Ctx) {
      answer(ctx, await service('purchasing').buy(body(ctx, buySchema), actor(ctx)), 201);
    },
    async import(ctx: Ctx) {
      answer(ctx, await service('purchasing').import(body(ctx, importSchema), actor(ctx)), 201);
    },
    async assign(ctx: Ctx) {
      const numberId = id(ctx);
      answer(ctx, await service('changes').assign(numberId, body(ctx, assignSchema).sitterUserId, actor(ctx)));
    },
    async release(ctx: Ctx) {
      answer(ctx, await service('changes').release(id(ctx), actor(ctx)));
    },
    async quarantine(ctx: Ctx) {
      const numberId = id(ctx);
      answer(ctx, await service('changes').quarantine(numberId, body(ctx, quarantineSchema), actor(ctx)));
    },
    async releaseFromQuarantine(ctx: Ctx) {
      answer(ctx, await service('changes').releaseFromQuarantine(id(ctx), actor(ctx)));
    },
    async bulk(ctx: Ctx) {
      answer(ctx, await service('changes').bulk(body(ctx, bulkSchema), actor(ctx)));
    },
    async exportCsv(ctx: Ctx) {
      const csv = await service('inventory').exportCsv();
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="number-inventory.csv"');
      ctx.body = csv;
    },
    async sitters(ctx: Ctx) {
      answer(ctx, await service('inventory').sitterList());
    },
    async activateSitter(ctx: Ctx) {
      const { userId } = parseInput(sitterParamSchema, ctx.params ?? {});
      answer(ctx, await service('sitter-activation').activateSitter(userId, actor(ctx)));
    },
    async deactivateSitter(ctx: Ctx) {
      const { userId } = parseInput(sitterParamSchema, ctx.params ?? {});
      answer(ctx, await service('sitter-activation').deactivateSitter(userId, actor(ctx)));
    },
  };
};

export default inventoryController;
