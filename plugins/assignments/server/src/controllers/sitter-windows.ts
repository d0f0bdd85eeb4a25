import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ForbiddenError, parseInput } from '@switchboard/kit';
import { sitterWindowQuerySchema } from '../domain/window-input';
import { getService } from '../get-service';

type Ctx = any;

/** GET /api/assignments/windows (API.md "Assignment windows"): a sitter's own windows; anyone else → 403. */
const sitterWindows = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    const user = ctx.state.user as { id: number; role?: { type?: string } } | undefined;
    const role = user ? ((await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, populate: ['role'] })) as { role?: { type?: string } } | null)?.role?.type : undefined;
    if (!user || role !== 'sitter') throw new ForbiddenError('Only a sitter has assignment windows here.');
    const range = parseInput(sitterWindowQuerySchema, ctx.query ?? {});
    ctx.body = { data: await getService(strapi, 'windows').ofSitter(user.id, range, systemClock.now()) };
  },
});

export default sitterWindows;
