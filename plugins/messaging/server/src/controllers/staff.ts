import type { Core } from '@strapi/strapi';
import { loadEnv } from '@switchboard/config';
import { grantIdSchema, grantInputSchema, type StaffCapabilities } from '../domain/staff-inbox';
import type { Viewer } from '../domain/viewer';
import type { DirectoryService } from '../services/directory';
import type { GrantsService } from '../services/grants';
import { MessagingError } from '../services/errors';
import { validationFailure } from './input';
import { respond } from './respond';

type Ctx = any;
type StaffViewer = Viewer & { kind: 'staff' };

const parseOr400 = <T>(result: { success: true; data: T } | { success: false; error: any }): T => {
  if (!result.success) {
    const failure = validationFailure(result.error);
    throw new MessagingError(400, failure.message, failure.details);
  }
  return result.data;
};

/** The staff inbox page's own routes: who am I and what may I do, the directory, and masquerade grants. */
const staffController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('messaging').service(name) as T;
  const viewerOf = async (ctx: Ctx) => (await service<DirectoryService>('directory').staffViewer(ctx.state.user)) as StaffViewer;
  const grants = () => service<GrantsService>('grants');
  const can = (ctx: Ctx, action: string) => Boolean(ctx.state.userAbility?.can(action));

  return {
    /** GET /messaging/me: the page offers only what the server would allow. */
    async me(ctx: Ctx) {
      await respond(ctx, async () => {
        const viewer = await viewerOf(ctx);
        const capabilities: StaffCapabilities = {
          send: can(ctx, 'plugin::messaging.send'),
          masquerade: can(ctx, 'plugin::messaging.masquerade'),
          manageGrants: can(ctx, 'plugin::messaging.manage-grants'),
          readAudit: can(ctx, 'plugin::audit.read'),
        };
        const env = loadEnv();
        return {
          body: {
            data: {
              id: String(viewer.adminId),
              key: viewer.key,
              displayName: viewer.displayName,
              capabilities,
              features: { masquerade: env.FF_MASQUERADE, typingIndicators: env.FF_TYPING_INDICATORS },
              masqueradeBusinesses: capabilities.masquerade ? await grants().businessesFor(viewer) : [],
            },
          },
        };
      });
    },

    /** GET /messaging/directory: businesses and VAs, for filters and new conversations. */
    async directory(ctx: Ctx) {
      await respond(ctx, async () => ({ body: { data: await grants().directory() } }));
    },

    async listGrants(ctx: Ctx) {
      await respond(ctx, async () => {
        const [list, candidates] = await Promise.all([grants().list(), grants().candidates()]);
        return { body: { data: list, meta: candidates } };
      });
    },

    async createGrant(ctx: Ctx) {
      await respond(ctx, async () => {
        const input = parseOr400(grantInputSchema.safeParse(ctx.request.body ?? {}));
        const { created, grant } = await grants().grant(await viewerOf(ctx), input);
        return { status: created ? 201 : 200, body: { data: grant } };
      });
    },

    async revokeGrant(ctx: Ctx) {
      await respond(ctx, async () => {
        const id = grantIdSchema.safeParse(ctx.params.id);
        if (!id.success) throw new MessagingError(404, 'That masquerade grant does not exist; it may have been revoked already. Reload the list.');
        return { body: { data: await grants().revoke(await viewerOf(ctx), id.data) } };
      });
    },
  };
};

export default staffController;
