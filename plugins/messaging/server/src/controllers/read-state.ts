import type { Core } from '@strapi/strapi';
import { getService } from '../get-service';

type Ctx = any;

/** GET /messaging/unread: the signed-in staff member's unread total, for the menu badge and the tab title. */
const readStateController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async unread(ctx: Ctx) {
    const viewer = await getService(strapi, 'directory').staffViewer(ctx.state.user);
    ctx.body = { data: await getService(strapi, 'read-state').unread(viewer) };
  },
});

export default readStateController;
