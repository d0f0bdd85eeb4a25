import type { Core } from '@strapi/strapi';
import { parseInput, ValidationError } from '@switchboard/kit';
import { profileUpdateSchema } from '../domain/profile';
import { getService } from '../get-service';

type Ctx = any;

/** GET and PUT /api/profile: the caller's own profile and gating (API.md "Profile"). */
const profileController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    ctx.body = await getService(strapi, 'profile').viewFor(ctx.state.user.id);
  },

  async update(ctx: Ctx) {
    const body = ctx.request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationError('Send the profile fields as a JSON object, like {"name": "Acme Pets"}.');
    }
    const patch = parseInput(profileUpdateSchema, body);
    const { after } = await getService(strapi, 'profile').updateBusinessProfile(ctx.state.user.id, patch);
    ctx.body = after;
  },
});

export default profileController;
