import type { Core } from '@strapi/strapi';
import { ForbiddenError, NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { idParam, listSchema, reviewSchema } from '../domain/inputs';
import { actionId, SENTENCES } from '../constants';
import { getService } from '../get-service';

type Ctx = any;

/** The violation routes (API.md "Anti-poaching policy"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const actor = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  // A Messaging Admin reads violations and hears why they may not act (OPS §2.2).
  const ownerOnly = (ctx: Ctx) => {
    if (!ctx.state.userAbility?.can(actionId('review'))) throw new ForbiddenError(SENTENCES.onlyOwner);
  };
  const review = (kind: 'approve' | 'dismiss' | 'resolve') => async (ctx: Ctx) => {
    ownerOnly(ctx);
    const id = idParam(ctx.params.id);
    if (id === null) throw new NotFoundError(SENTENCES.notFound);
    const { reason } = parseInput(reviewSchema, ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'violations').review(id, kind, reason, actor(ctx)) };
  };

  return {
    /** GET /policy/violations?status&type&conversationId&from&to&page&pageSize */
    async list(ctx: Ctx) {
      ctx.body = await getService(strapi, 'violations').list(parseInput(listSchema, ctx.query ?? {}));
    },
    approve: review('approve'),
    dismiss: review('dismiss'),
    resolve: review('resolve'),
  };
};

export default admin;
