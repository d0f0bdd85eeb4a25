import type { Core } from '@strapi/strapi';
import { ForbiddenError, NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { exportSchema, idParam, listSchema, reviewSchema } from '../domain/inputs';
import { actionId, SENTENCES } from '../constants';
import { getService } from '../get-service';

type Ctx = any;

/** The violation routes (API.md "Anti-poaching policy"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const actor = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  // A Messaging Admin reads violations and hears why they may not act (OPS §2.2).
  const ownerOnly = (ctx: Ctx, sentence: string) => {
    if (!ctx.state.userAbility?.can(actionId('review'))) throw new ForbiddenError(sentence);
  };
  const violationId = (ctx: Ctx) => {
    const id = idParam(ctx.params.id);
    if (id === null) throw new NotFoundError(SENTENCES.notFound);
    return id;
  };
  const review = (kind: 'approve' | 'dismiss' | 'resolve') => async (ctx: Ctx) => {
    ownerOnly(ctx, SENTENCES.onlyOwner);
    const id = violationId(ctx);
    const { reason } = parseInput(reviewSchema, ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'violations').review(id, kind, reason, actor(ctx)) };
  };

  return {
    /** GET /policy/violations?status&type&conversationId&from&to&page&pageSize */
    async list(ctx: Ctx) {
      ctx.body = await getService(strapi, 'violations').list(parseInput(listSchema, ctx.query ?? {}));
    },
    /** GET /policy/violations/:id */
    async findOne(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'violations').findOne(violationId(ctx)) };
    },
    /** GET /policy/violations/export.csv?status&type&conversationId&from&to */
    async exportCsv(ctx: Ctx) {
      const csv = await getService(strapi, 'violations').exportCsv(parseInput(exportSchema, ctx.query ?? {}));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="policy-violations.csv"');
      ctx.body = csv;
    },
    /** GET /policy/violations/summary: the 30-day counts and the threads with violations. */
    async summary(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'violations').summary() };
    },
    /** POST /policy/violations/:id/reveal: the original words, Owner only, audited. */
    async reveal(ctx: Ctx) {
      ownerOnly(ctx, SENTENCES.onlyOwnerReveal);
      ctx.body = { data: await getService(strapi, 'violations').reveal(violationId(ctx), actor(ctx)) };
    },
    approve: review('approve'),
    dismiss: review('dismiss'),
    resolve: review('resolve'),
  };
};

export default admin;
