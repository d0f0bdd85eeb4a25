import type { Core } from '@strapi/strapi';
import { NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { CATALOGUE } from '../domain/catalogue';
import { executionListSchema, idParam, listSchema, previewSchema, testSchema } from '../domain/inputs';
import { SENTENCES } from '../constants';
import { getService } from '../get-service';

type Ctx = any;

/** The automation routes (API.md "Automations"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  const automationId = (ctx: Ctx) => {
    const id = idParam(ctx.params.id);
    if (id === null) throw new NotFoundError(SENTENCES.notFound);
    return id;
  };
  const automations = () => getService(strapi, 'automations');
  const runner = () => getService(strapi, 'runner');

  return {
    /** GET /automations?status&lane */
    async list(ctx: Ctx) {
      ctx.body = { data: await automations().list(parseInput(listSchema, ctx.query ?? {})) };
    },
    /** GET /automations/catalogue: triggers with their variables, actions, operators, lanes. */
    async catalogue(ctx: Ctx) {
      parseInput(listSchema.pick({}), ctx.query ?? {});
      ctx.body = { data: CATALOGUE };
    },
    /** GET /automations/:id */
    async findOne(ctx: Ctx) {
      ctx.body = { data: await automations().get(automationId(ctx)) };
    },
    /** POST /automations: a draft. */
    async create(ctx: Ctx) {
      ctx.status = 201;
      ctx.body = { data: await automations().create(ctx.request.body ?? {}, staff(ctx)) };
    },
    /** PUT /automations/:id */
    async update(ctx: Ctx) {
      ctx.body = { data: await automations().update(automationId(ctx), ctx.request.body ?? {}, staff(ctx)) };
    },
    /** DELETE /automations/:id: archives. */
    async archive(ctx: Ctx) {
      ctx.body = { data: await automations().archive(automationId(ctx), staff(ctx)) };
    },
    /** POST /automations/:id/test: never sends. */
    async test(ctx: Ctx) {
      const id = automationId(ctx);
      ctx.body = { data: await runner().test(id, parseInput(testSchema, ctx.request.body ?? {}), staff(ctx)) };
    },
    /** POST /automations/:id/activate */
    async activate(ctx: Ctx) {
      ctx.body = { data: await automations().activate(automationId(ctx), staff(ctx)) };
    },
    /** POST /automations/:id/pause */
    async pause(ctx: Ctx) {
      ctx.body = { data: await automations().pause(automationId(ctx), staff(ctx)) };
    },
    /** POST /automations/templates/preview */
    async preview(ctx: Ctx) {
      ctx.body = { data: await runner().preview(parseInput(previewSchema, ctx.request.body ?? {})) };
    },
    /** GET /automations/:id/executions?status&mode&from&to&page&pageSize */
    async executions(ctx: Ctx) {
      const id = automationId(ctx);
      const query = parseInput(executionListSchema, ctx.query ?? {});
      await automations().stored(id);
      ctx.body = await getService(strapi, 'executions').list(id, query, { from: query.from, to: query.to });
    },
  };
};

export default admin;
