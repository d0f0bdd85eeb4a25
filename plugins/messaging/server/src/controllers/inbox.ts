import type { Core } from '@strapi/strapi';
import { auditQuerySchema, type AuditLogService } from '@switchboard/audit';
import { createStaffConversationSchema, staffConversationQuerySchema } from '../domain/message-input';
import type { ConversationsService } from '../services/conversations';
import type { DirectoryService } from '../services/directory';
import type { RealtimeService } from '../services/realtime';
import { MessagingError } from '../services/errors';
import { respond } from './respond';
import { messageHandlers } from './message';

type Ctx = any;

const parseOr400 = <T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T => {
  if (!result.success) throw new MessagingError(400, result.error.issues[0].message);
  return result.data;
};

/** Staff routes of API.md (served at /messaging/...): the inbox, staff sends, audit. */
const inboxController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('messaging').service(name) as T;
  const viewerOf = (ctx: Ctx) => service<DirectoryService>('directory').staffViewer(ctx.state.user);
  const conversations = () => service<ConversationsService>('conversations');
  const handlers = messageHandlers(strapi, viewerOf);

  return {
    async list(ctx: Ctx) {
      await respond(ctx, async () => {
        const query = parseOr400(staffConversationQuerySchema.safeParse(ctx.request.query ?? {}));
        return { body: await conversations().listForStaff(await viewerOf(ctx), query) };
      });
    },

    async create(ctx: Ctx) {
      await respond(ctx, async () => {
        const body = parseOr400(createStaffConversationSchema.safeParse(ctx.request.body ?? {}));
        const viewer = await viewerOf(ctx);
        const { record, created } = await conversations().getOrCreate(viewer, { kind: body.kind, vaUserId: body.vaUserId, businessId: body.businessId ?? null });
        if (created) await service<RealtimeService>('realtime').conversationChanged(record);
        return { status: created ? 201 : 200, body: { data: await conversations().view(viewer, record) } };
      });
    },

    // The same history, send, typing and read as app users, as staff.
    messages: handlers.find,
    send: handlers.create,
    typing: handlers.typing,
    read: handlers.read,

    async audit(ctx: Ctx) {
      await respond(ctx, async () => {
        const query = parseOr400(auditQuerySchema.safeParse(ctx.request.query ?? {}));
        return { body: await (strapi.plugin('audit').service('audit-log') as AuditLogService).list(query) };
      });
    },
  };
};

export default inboxController;
