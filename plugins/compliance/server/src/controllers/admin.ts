import type { Core } from '@strapi/strapi';
import { NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { idParam, timelineExportSchema, timelineSchema, verifySchema } from '../domain/inputs';
import { getService } from '../get-service';

type Ctx = any;

/** The compliance routes (API.md "Compliance"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });

  return {
    /** GET /compliance/audit?type&actorRole&conversationId&number&from&to&beforeId&page&pageSize */
    async timeline(ctx: Ctx) {
      ctx.body = await getService(strapi, 'timeline').list(parseInput(timelineSchema, ctx.query ?? {}));
    },
    /** GET /compliance/audit/:id */
    async timelineEvent(ctx: Ctx) {
      const id = idParam(ctx.params.id);
      if (id === null) throw new NotFoundError('Audit event not found.');
      ctx.body = { data: await getService(strapi, 'timeline').findOne(id) };
    },
    /** GET /compliance/audit/export.csv: streamed. */
    async exportTimeline(ctx: Ctx) {
      const stream = await getService(strapi, 'timeline').exportCsv(parseInput(timelineExportSchema, ctx.query ?? {}), staff(ctx));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="audit-log.csv"');
      ctx.body = stream;
    },
    /** POST /compliance/audit/verify { head? } */
    async verifyChain(ctx: Ctx) {
      const { head } = parseInput(verifySchema, ctx.request.body ?? {});
      ctx.body = { data: await getService(strapi, 'timeline').verifyChain(head, staff(ctx)) };
    },
  };
};

export default admin;
