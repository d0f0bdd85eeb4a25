import type { Core } from '@strapi/strapi';
import { NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { alertListSchema, escalationListSchema, idParam, noteSchema } from '../domain/inputs';
import { SENTENCES } from '../constants';
import { getService } from '../get-service';

type Ctx = any;

/** The alert routes (API.md "Alerts"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  const idOf = (ctx: Ctx, sentence: string) => {
    const id = idParam(ctx.params.id);
    if (id === null) throw new NotFoundError(sentence);
    return id;
  };
  const alerts = () => getService(strapi, 'alerts');
  const escalations = () => getService(strapi, 'escalations');

  return {
    async list(ctx: Ctx) {
      ctx.body = await alerts().list(parseInput(alertListSchema, ctx.query ?? {}));
    },
    async findOne(ctx: Ctx) {
      ctx.body = { data: await alerts().get(idOf(ctx, SENTENCES.notFound)) };
    },
    async resolve(ctx: Ctx) {
      const id = idOf(ctx, SENTENCES.notFound);
      const { note } = parseInput(noteSchema, ctx.request.body ?? {});
      ctx.body = { data: await alerts().close(id, 'resolved', note, staff(ctx)) };
    },
    async dismiss(ctx: Ctx) {
      const id = idOf(ctx, SENTENCES.notFound);
      const { note } = parseInput(noteSchema, ctx.request.body ?? {});
      ctx.body = { data: await alerts().close(id, 'dismissed', note, staff(ctx)) };
    },
    async targets(ctx: Ctx) {
      ctx.body = { data: await escalations().targets() };
    },
    async rules(ctx: Ctx) {
      ctx.body = { data: await escalations().rules() };
    },
    async createRule(ctx: Ctx) {
      ctx.status = 201;
      ctx.body = { data: await escalations().createRule(ctx.request.body ?? {}, staff(ctx)) };
    },
    async updateRule(ctx: Ctx) {
      ctx.body = { data: await escalations().updateRule(idOf(ctx, SENTENCES.ruleNotFound), ctx.request.body ?? {}, staff(ctx)) };
    },
    async deleteRule(ctx: Ctx) {
      ctx.body = { data: await escalations().deleteRule(idOf(ctx, SENTENCES.ruleNotFound), staff(ctx)) };
    },
    async testRule(ctx: Ctx) {
      ctx.body = { data: await escalations().testRule(idOf(ctx, SENTENCES.ruleNotFound)) };
    },
    async escalations(ctx: Ctx) {
      ctx.body = await escalations().history(parseInput(escalationListSchema, ctx.query ?? {}));
    },
  };
};

export default admin;
