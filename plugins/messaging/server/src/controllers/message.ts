import type { Core } from '@strapi/strapi';
import type { Viewer } from '../domain/viewer';
import { getService } from '../get-service';

type Ctx = any;

/** History, send, typing and read for one kind of caller; app users and staff differ only in who they are. */
export function messageHandlers(strapi: Core.Strapi, viewerOf: (ctx: Ctx) => Promise<Viewer>) {
  const messages = () => getService(strapi, 'messages');
  return {
    async find(ctx: Ctx) {
      ctx.body = await messages().page(await viewerOf(ctx), ctx.params.id, ctx.request.query);
    },
    async create(ctx: Ctx) {
      const viewer = await viewerOf(ctx);
      const metrics = getService(strapi, 'metrics');
      const result = await metrics.measureSend(viewer, 'http', ctx.params.id, () => messages().send(viewer, ctx.params.id, ctx.request.body));
      ctx.status = result.status;
      ctx.body = { data: result.message };
    },
    async typing(ctx: Ctx) {
      await messages().typing(await viewerOf(ctx), ctx.params.id, ctx.request.body);
      ctx.status = 204;
    },
    async read(ctx: Ctx) {
      await messages().markRead(await viewerOf(ctx), ctx.params.id, ctx.request.body);
      ctx.status = 204;
    },
  };
}

/** App-user message routes of API.md. */
const messageController = ({ strapi }: { strapi: Core.Strapi }) =>
  messageHandlers(strapi, (ctx) => getService(strapi, 'directory').appViewer(ctx.state.user.id));

export default messageController;
