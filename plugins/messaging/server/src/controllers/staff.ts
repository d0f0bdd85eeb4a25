import type { Core } from '@strapi/strapi';
import { loadEnv } from '@switchboard/config';
import { AUDIT_ACTIONS } from '@switchboard/audit';
import { NotFoundError, parseInput } from '@switchboard/kit';
import { grantIdSchema, grantInputSchema, type StaffCapabilities } from '../domain/staff-inbox';
import type { Viewer } from '../domain/viewer';
import { ACTIONS } from '../constants';
import { getService } from '../get-service';

type Ctx = any;
type StaffViewer = Viewer & { kind: 'staff' };

/** The staff inbox page's own routes: who am I and what may I do, the directory, and masquerade grants. */
const staffController = ({ strapi }: { strapi: Core.Strapi }) => {
  const viewerOf = async (ctx: Ctx) => (await getService(strapi, 'directory').staffViewer(ctx.state.user)) as StaffViewer;
  const grants = () => getService(strapi, 'grants');
  const can = (ctx: Ctx, action: string) => Boolean(ctx.state.userAbility?.can(action));

  return {
    /** GET /messaging/me: the page offers only what the server would allow. */
    async me(ctx: Ctx) {
      const viewer = await viewerOf(ctx);
      const capabilities: StaffCapabilities = {
        send: can(ctx, ACTIONS.send),
        masquerade: can(ctx, ACTIONS.masquerade),
        manageGrants: can(ctx, ACTIONS.manageGrants),
        readAudit: can(ctx, AUDIT_ACTIONS.read),
      };
      const env = loadEnv();
      ctx.body = {
        data: {
          id: String(viewer.adminId),
          key: viewer.key,
          displayName: viewer.displayName,
          capabilities,
          features: { masquerade: env.FF_MASQUERADE, typingIndicators: env.FF_TYPING_INDICATORS },
          masqueradeBusinesses: capabilities.masquerade ? await grants().businessesFor(viewer) : [],
        },
      };
    },

    /** GET /messaging/directory: businesses and VAs, for filters and new conversations. */
    async directory(ctx: Ctx) {
      ctx.body = { data: await grants().directory() };
    },

    async listGrants(ctx: Ctx) {
      const [list, candidates] = await Promise.all([grants().list(), grants().candidates()]);
      ctx.body = { data: list, meta: candidates };
    },

    async createGrant(ctx: Ctx) {
      const input = parseInput(grantInputSchema, ctx.request.body ?? {});
      const { created, grant } = await grants().grant(await viewerOf(ctx), input);
      ctx.status = created ? 201 : 200;
      ctx.body = { data: grant };
    },

    async revokeGrant(ctx: Ctx) {
      const id = grantIdSchema.safeParse(ctx.params.id);
      if (!id.success) throw new NotFoundError('That masquerade grant does not exist; it may have been revoked already. Reload the list.');
      ctx.body = { data: await grants().revoke(await viewerOf(ctx), id.data) };
    },
  };
};

export default staffController;
