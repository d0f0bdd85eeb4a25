import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput, ValidationError } from '@switchboard/kit';
import { accountRefusal, connectTwilioSchema, deliveryIdFrom, phoneQuerySchema, phoneReplySchema } from '../domain/inputs';
import { getService } from '../get-service';

type Ctx = any;

/** Staff routes: provider settings, delivery dead letters, and the sandbox's virtual phone. Refusals are thrown. */
const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const actor = (ctx: Ctx) => ({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });

  return {
    async show(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'settings').publicView() };
    },

    async connectTwilio(ctx: Ctx) {
      const input = parseInput(connectTwilioSchema, ctx.request.body ?? {});
      const result = await getService(strapi, 'settings').connectTwilio(input, actor(ctx));
      if (!result.connected) throw new ValidationError(accountRefusal(result.check));
      ctx.body = { data: { ...(await getService(strapi, 'settings').publicView()), check: result.check } };
    },

    async useSandbox(ctx: Ctx) {
      await getService(strapi, 'settings').useSandbox(actor(ctx));
      ctx.body = { data: await getService(strapi, 'settings').publicView() };
    },

    async test(ctx: Ctx) {
      const provider = await getService(strapi, 'settings').provider();
      ctx.body = { data: await provider.checkAccount() };
    },

    async deadLetters(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'outbound').deadLetters() };
    },

    async retry(ctx: Ctx) {
      const data = await getService(strapi, 'outbound').retry(deliveryIdFrom(ctx.params.id));
      ctx.status = 202;
      ctx.body = { data };
    },

    async phone(ctx: Ctx) {
      const { phoneNumber } = parseInput(phoneQuerySchema, ctx.request.query ?? {});
      ctx.body = { data: await getService(strapi, 'sandbox-phone').conversation(phoneNumber) };
    },

    async reply(ctx: Ctx) {
      await getService(strapi, 'sandbox-phone').ensureRepliesAllowed();
      const input = parseInput(phoneReplySchema, ctx.request.body ?? {});
      const data = await getService(strapi, 'sandbox-phone').reply(input, actor(ctx));
      ctx.status = 202;
      ctx.body = { data };
    },
  };
};

export default settingsController;
