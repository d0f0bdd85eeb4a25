import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { parseInput } from '@switchboard/kit';
import { adminDisplayName, staffActor } from '@switchboard/audit';
import { windowListQuerySchema, writeQuerySchema } from '../domain/window-input';
import { getService } from '../get-service';

type Ctx = any;

const actorOf = (ctx: Ctx) => staffActor({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });

/** Answers a write: a preview is 200 { data: { preview, impact } }; a creation `created` (201), else 200. */
function answer(ctx: Ctx, result: unknown, created: boolean) {
  const preview = Boolean(result && typeof result === 'object' && (result as { preview?: boolean }).preview === true);
  ctx.status = created && !preview ? 201 : 200;
  ctx.body = { data: result };
}

/** The Assignments page's window routes (API.md "Assignment windows"): thin, parse and call one service. */
const adminWindows = ({ strapi }: { strapi: Core.Strapi }) => {
  const operations = () => getService(strapi, 'operations');
  const windows = () => getService(strapi, 'windows');
  const writeQuery = (ctx: Ctx) => parseInput(writeQuerySchema, ctx.query ?? {});

  return {
    /** GET /assignments/windows?from&to&status&sitterId&clientId&conversationId&page&pageSize */
    async list(ctx: Ctx) {
      const query = parseInput(windowListQuerySchema, ctx.query ?? {});
      ctx.body = await windows().list(query, systemClock.now());
    },

    /** POST /assignments/windows */
    async create(ctx: Ctx) {
      const { preview } = writeQuery(ctx);
      answer(ctx, await operations().createWindow(ctx.request.body, actorOf(ctx), Boolean(preview)), true);
    },

    /** PUT /assignments/windows/:id */
    async update(ctx: Ctx) {
      const { preview } = writeQuery(ctx);
      answer(ctx, await operations().updateWindow(String(ctx.params.id), ctx.request.body, actorOf(ctx), Boolean(preview)), false);
    },

    /** DELETE /assignments/windows/:id?confirm=true */
    async remove(ctx: Ctx) {
      const { preview, confirm } = writeQuery(ctx);
      answer(ctx, await operations().deleteWindow(String(ctx.params.id), Boolean(confirm), actorOf(ctx), Boolean(preview)), false);
    },

    /** GET /assignments/conflicts */
    async conflicts(ctx: Ctx) {
      ctx.body = { data: await windows().conflicts(systemClock.now()) };
    },

    /** POST /assignments/conflicts/resolve?preview&confirm */
    async resolveConflict(ctx: Ctx) {
      const { preview, confirm } = writeQuery(ctx);
      answer(ctx, await operations().resolveConflict(ctx.request.body, Boolean(confirm), actorOf(ctx), Boolean(preview)), false);
    },

    /** POST /assignments/assign */
    async assign(ctx: Ctx) {
      const { preview } = writeQuery(ctx);
      answer(ctx, await operations().assign(ctx.request.body, actorOf(ctx), Boolean(preview)), true);
    },

    /** POST /assignments/threads/:conversationId/reassignment-message */
    async reassignment(ctx: Ctx) {
      const { preview } = writeQuery(ctx);
      answer(ctx, await operations().sendReassignment(String(ctx.params.conversationId), actorOf(ctx), Boolean(preview)), true);
    },
  };
};

export default adminWindows;
