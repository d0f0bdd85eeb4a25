import type { Core } from '@strapi/strapi';
import type { Viewer } from '../domain/viewer';
import type { DirectoryService } from '../services/directory';
import type { MessagesService } from '../services/messages';
import type { MetricsService } from '../services/metrics';
import { respond } from './respond';

type Ctx = any;

/** History, send, typing and read for one kind of caller; app users and staff differ only in who they are. */
export function messageHandlers(strapi: Core.Strapi, viewerOf: (ctx: Ctx) => Promise<Viewer>) {
  const messages = () => strapi.plugin('messaging').service('messages') as MessagesService;
  return {
    async find(ctx: Ctx) {
      await respond(ctx, async () => ({ body: await messages().page(await viewerOf(ctx), ctx.params.id, ctx.request.query) }));
    },
    async create(ctx: Ctx) {
      await respond(ctx, async () => {
        const viewer = await viewerOf(ctx);
        const metrics = strapi.plugin('messaging').service('metrics') as MetricsService;
        const result = await metrics.measureSend(viewer, 'http', ctx.params.id, () => messages().send(viewer, ctx.params.id, ctx.request.body));
        return { status: result.status, body: { data: result.message } };
      });
    },
    async typing(ctx: Ctx) {
      await respond(ctx, async () => {
        await messages().typing(await viewerOf(ctx), ctx.params.id, ctx.request.body);
        return { status: 204 };
      });
    },
    async read(ctx: Ctx) {
      await respond(ctx, async () => {
        await messages().markRead(await viewerOf(ctx), ctx.params.id, ctx.request.body);
        return { status: 204 };
      });
    },
  };
}

/** App-user message routes of API.md. */
const messageController = ({ strapi }: { strapi: Core.Strapi }) =>
  messageHandlers(strapi, (ctx) => (strapi.plugin('messaging').service('directory') as DirectoryService).appViewer(ctx.state.user.id));

export default messageController;
