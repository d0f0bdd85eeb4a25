import type { Core } from '@strapi/strapi';
import { createAppConversationSchema } from '../domain/message-input';
import { systemMessageFor, shouldShowSystemMessage } from '../domain/system-message';
import type { ConversationsService } from '../services/conversations';
import type { DirectoryService } from '../services/directory';
import type { RealtimeService } from '../services/realtime';
import { MessagingError } from '../services/errors';
import { respond } from './respond';

type Ctx = any;

/** App-user conversation routes of API.md: GET and POST /api/conversations. */
const conversationController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('messaging').service(name) as T;

  return {
    async find(ctx: Ctx) {
      await respond(ctx, async () => {
        const viewer = await service<DirectoryService>('directory').appViewer(ctx.state.user.id);
        const [data, profile] = await Promise.all([
          service<ConversationsService>('conversations').listForApp(viewer),
          service<DirectoryService>('directory').profileView(ctx.state.user.id),
        ]);
        const role = profile.user.role;
        return {
          body: { data, ...(shouldShowSystemMessage(data.length, profile.gating.canCompose) ? { systemMessage: systemMessageFor(role) } : {}) },
        };
      });
    },

    async create(ctx: Ctx) {
      await respond(ctx, async () => {
        const parsed = createAppConversationSchema.safeParse(ctx.request.body ?? {});
        if (!parsed.success) throw new MessagingError(400, parsed.error.issues[0].message);
        const viewer = await service<DirectoryService>('directory').appViewer(ctx.state.user.id);
        if (viewer.kind !== 'business' || viewer.businessId === null) {
          throw new MessagingError(403, 'Only a business starts a conversation with the Admin team.');
        }
        const conversations = service<ConversationsService>('conversations');
        const existing = (await conversations.listForApp(viewer)).find((c) => c.kind === 'business_admin');
        if (existing) return { status: 200, body: { data: existing } };
        const { gating } = await service<DirectoryService>('directory').profileView(ctx.state.user.id);
        if (!gating.canCompose) throw new MessagingError(403, gating.reason!, { cta: gating.cta });
        const { record, created } = await conversations.getOrCreate(viewer, { kind: 'business_admin', vaUserId: null, businessId: viewer.businessId });
        if (created) await service<RealtimeService>('realtime').conversationChanged(record);
        return { status: created ? 201 : 200, body: { data: await conversations.view(viewer, record) } };
      });
    },
  };
};

export default conversationController;
