import type { Core } from '@strapi/strapi';
import type { DirectoryService } from '../services/directory';
import type { MessagesService } from '../services/messages';
import { respond } from './respond';

type Ctx = any;

/** App-user message routes of API.md: history, send, typing, read. */
const messageController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('messaging').service(name) as T;
  const viewerOf = (ctx: Ctx) => service<DirectoryService>('directory').appViewer(ctx.state.user.id);
  const messages = () => service<MessagesService>('messages');

  return {
    async find(ctx: Ctx) {
      await respond(ctx, async () => ({ body: await messages().page(await viewerOf(ctx), ctx.params.id, ctx.request.query) }));
    },
    async create(ctx: Ctx) {
      await respond(ctx, async () => {
        const result = await messages().send(await viewerOf(ctx), ctx.params.id, ctx.request.body);
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
};

export default messageController;
