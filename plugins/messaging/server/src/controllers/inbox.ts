import type { Core } from '@strapi/strapi';
import { parseInput } from '@switchboard/kit';
import { auditQuerySchema } from '@switchboard/audit';
import { createStaffConversationSchema, staffConversationQuerySchema } from '../domain/message-input';
import { auditLog, getService } from '../get-service';
import { messageHandlers } from './message';

type Ctx = any;

/** Staff routes of API.md (served at /messaging/...): the inbox, staff sends, audit. */
const inboxController = ({ strapi }: { strapi: Core.Strapi }) => {
  const viewerOf = (ctx: Ctx) => getService(strapi, 'directory').staffViewer(ctx.state.user);
  const conversations = () => getService(strapi, 'conversations');
  const handlers = messageHandlers(strapi, viewerOf);

  return {
    async list(ctx: Ctx) {
      const query = parseInput(staffConversationQuerySchema, ctx.request.query ?? {});
      ctx.body = await conversations().listForStaff(await viewerOf(ctx), query);
    },

    async create(ctx: Ctx) {
      const body = parseInput(createStaffConversationSchema, ctx.request.body ?? {});
      const viewer = await viewerOf(ctx);
      if (body.kind === 'client') {
        // Issue 14 item 4: the client's most recent thread, else a new one on the Front Desk (announced on commit).
        const opened = await getService(strapi, 'client-threads').openForStaff(viewer, body.clientId);
        ctx.status = opened.created ? 201 : 200;
        ctx.body = { data: await conversations().view(viewer, opened.record) };
        return;
      }
      const spec =
        body.kind === 'admin_sitter'
          ? { kind: body.kind, vaUserId: null, businessId: null, sitterUserId: body.sitterUserId }
          : { kind: body.kind, vaUserId: body.vaUserId, businessId: body.businessId ?? null };
      const { record, created } = await conversations().getOrCreate(viewer, spec);
      if (created) await getService(strapi, 'realtime').conversationChanged(record);
      ctx.status = created ? 201 : 200;
      ctx.body = { data: await conversations().view(viewer, record) };
    },

    // The same history, send, typing and read as app users, as staff.
    messages: handlers.find,
    send: handlers.create,
    typing: handlers.typing,
    read: handlers.read,

    async audit(ctx: Ctx) {
      const query = parseInput(auditQuerySchema, ctx.request.query ?? {});
      ctx.body = await auditLog(strapi).list(query);
    },
  };
};

export default inboxController;
