import type { Core } from '@strapi/strapi';
import { ForbiddenError, parseInput } from '@switchboard/kit';
import { createAppConversationSchema } from '../domain/message-input';
import { systemMessageFor, shouldShowSystemMessage } from '../domain/system-message';
import { getService } from '../get-service';

type Ctx = any;

/** App-user conversation routes of API.md: GET and POST /api/conversations. */
const conversationController = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async find(ctx: Ctx) {
      const viewer = await getService(strapi, 'directory').appViewer(ctx.state.user.id);
      const [data, profile] = await Promise.all([
        getService(strapi, 'conversations').listForApp(viewer),
        getService(strapi, 'directory').profileView(ctx.state.user.id),
      ]);
      const role = profile.user.role;
      ctx.body = { data, ...(shouldShowSystemMessage(data.length, profile.gating.canCompose) ? { systemMessage: systemMessageFor(role) } : {}) };
    },

    async create(ctx: Ctx) {
      const { kind } = parseInput(createAppConversationSchema, ctx.request.body ?? {});
      const viewer = await getService(strapi, 'directory').appViewer(ctx.state.user.id);
      const conversations = getService(strapi, 'conversations');
      if (kind === 'admin_sitter') {
        if (viewer.kind !== 'sitter') throw new ForbiddenError('Only a sitter starts a private conversation with the Admin team this way.');
        const { record, created } = await conversations.getOrCreate(viewer, { kind, vaUserId: null, businessId: null, sitterUserId: viewer.userId });
        if (created) await getService(strapi, 'realtime').conversationChanged(record);
        ctx.status = created ? 201 : 200;
        ctx.body = { data: await conversations.view(viewer, record) };
        return;
      }
      if (viewer.kind !== 'business' || viewer.businessId === null) {
        throw new ForbiddenError('Only a business starts a conversation with the Admin team.');
      }
      const existing = (await conversations.listForApp(viewer)).find((c) => c.kind === 'business_admin');
      if (existing) {
        ctx.status = 200;
        ctx.body = { data: existing };
        return;
      }
      const { gating } = await getService(strapi, 'directory').profileView(ctx.state.user.id);
      if (!gating.canCompose) throw new ForbiddenError(gating.reason!, { cta: gating.cta });
      const { record, created } = await conversations.getOrCreate(viewer, { kind: 'business_admin', vaUserId: null, businessId: viewer.businessId });
      if (created) await getService(strapi, 'realtime').conversationChanged(record);
      ctx.status = created ? 201 : 200;
      ctx.body = { data: await conversations.view(viewer, record) };
    },
  };
};

export default conversationController;
