import type { Core } from '@strapi/strapi';
import { profileUpdateSchema } from '../domain/profile';
import { ProfileError, type ProfileService } from '../services/profile';
import { validationFailure } from './input';

type Ctx = any;

const profileController = ({ strapi }: { strapi: Core.Strapi }) => {
  const profiles = () => strapi.plugin('messaging').service('profile') as ProfileService;

  const answerProfileError = (ctx: Ctx, error: unknown) => {
    if (!(error instanceof ProfileError)) throw error;
    return error.status === 403 ? ctx.forbidden(error.message) : ctx.notFound(error.message);
  };

  return {
    async find(ctx: Ctx) {
      try {
        ctx.body = await profiles().viewFor(ctx.state.user.id);
      } catch (error) {
        return answerProfileError(ctx, error);
      }
    },

    async update(ctx: Ctx) {
      const body = ctx.request.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return ctx.badRequest('Send the profile fields as a JSON object, like {"name": "Acme Pets"}.');
      }
      const parsed = profileUpdateSchema.safeParse(body);
      if (!parsed.success) {
        const { message, details } = validationFailure(parsed.error);
        return ctx.badRequest(message, details);
      }
      try {
        const { after } = await profiles().updateBusinessProfile(ctx.state.user.id, parsed.data);
        ctx.body = after;
      } catch (error) {
        return answerProfileError(ctx, error);
      }
    },
  };
};

export default profileController;
