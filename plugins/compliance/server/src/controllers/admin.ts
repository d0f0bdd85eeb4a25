import type { Core } from '@strapi/strapi';
import { ForbiddenError, NotFoundError, parseInput } from '@switchboard/kit';
import { adminDisplayName } from '@switchboard/audit';
import { analyticsExportSchema, failuresExportSchema, failuresSchema, idParam, resolveSchema, responseTimesSchema, timelineExportSchema, timelineSchema, verifySchema, volumeSchema } from '../domain/inputs';
import { actionId, RETRY_DELIVERIES_ACTION, SENTENCES } from '../constants';
import { getService } from '../get-service';

type Ctx = any;

/** The compliance routes (API.md "Compliance"): thin, parse and call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  // A Messaging Admin reads and exports, and hears why they may not act (OPS §3.5 "no resolution").
  const mustHold = (ctx: Ctx, action: string, sentence: string) => {
    if (!ctx.state.userAbility?.can(action)) throw new ForbiddenError(sentence);
  };
  const failureId = (ctx: Ctx) => {
    const id = idParam(ctx.params.id);
    if (id === null) throw new NotFoundError(SENTENCES.failureNotFound);
    return id;
  };

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
    /** GET /compliance/delivery-failures?status&conversationId&from&to&page&pageSize */
    async failures(ctx: Ctx) {
      ctx.body = await getService(strapi, 'delivery-failures').list(parseInput(failuresSchema, ctx.query ?? {}));
    },
    /** GET /compliance/delivery-failures/:id */
    async failure(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'delivery-failures').findOne(failureId(ctx)) };
    },
    /** GET /compliance/delivery-failures/export.csv */
    async exportFailures(ctx: Ctx) {
      const csv = await getService(strapi, 'delivery-failures').exportCsv(parseInput(failuresExportSchema, ctx.query ?? {}), staff(ctx));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="delivery-failures.csv"');
      ctx.body = csv;
    },
    /** POST /compliance/delivery-failures/:id/retry: the Owner's (provider's retry-deliveries); 202, the SMS is queued again. */
    async retryFailure(ctx: Ctx) {
      mustHold(ctx, RETRY_DELIVERIES_ACTION, SENTENCES.onlyOwnerRetry);
      const id = failureId(ctx);
      parseInput(resolveSchema.pick({}), ctx.request.body ?? {});
      ctx.status = 202;
      ctx.body = { data: await getService(strapi, 'delivery-failures').retry(id, staff(ctx)) };
    },
    /** POST /compliance/delivery-failures/:id/resolve { note? } */
    async resolveFailure(ctx: Ctx) {
      mustHold(ctx, actionId('resolve'), SENTENCES.onlyOwnerResolve);
      const id = failureId(ctx);
      const { note } = parseInput(resolveSchema, ctx.request.body ?? {});
      ctx.body = { data: await getService(strapi, 'delivery-failures').resolve(id, note, staff(ctx)) };
    },
    /** GET /compliance/analytics/response-times?from&to&sitterId&conversationId */
    async responseTimes(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'analytics').responseTimes(parseInput(responseTimesSchema, ctx.query ?? {})) };
    },
    /** GET /compliance/analytics/volume?from&to&bucket&conversationId */
    async volume(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'analytics').volume(parseInput(volumeSchema, ctx.query ?? {})) };
    },
    /** GET /compliance/analytics/export.csv?chart&… */
    async exportAnalytics(ctx: Ctx) {
      const query = parseInput(analyticsExportSchema, ctx.query ?? {});
      const csv = await getService(strapi, 'analytics').exportCsv(query);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${query.chart}.csv"`);
      ctx.body = csv;
    },
    /** POST /compliance/audit/verify { head? } */
    async verifyChain(ctx: Ctx) {
      const { head } = parseInput(verifySchema, ctx.request.body ?? {});
      ctx.body = { data: await getService(strapi, 'timeline').verifyChain(head, staff(ctx)) };
    },
  };
};

export default admin;
