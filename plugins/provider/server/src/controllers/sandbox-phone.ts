import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput } from '@switchboard/kit';
import { phoneQuerySchema, phoneReplySchema } from '../domain/inputs';
import { getService } from '../get-service';

type Ctx = any;

/** Staff routes for the sandbox's virtual phone: read what a number received, reply as that client. */
const sandboxPhoneController = ({ strapi }: { strapi: Core.Strapi }) => {
  const phone = () => getService(strapi, 'sandbox-phone');

  return {
    async conversation(ctx: Ctx) {
      const { phoneNumber } = parseInput(phoneQuerySchema, ctx.request.query ?? {});
      ctx.body = { data: await phone().conversation(phoneNumber) };
    },

    async reply(ctx: Ctx) {
      // Refused in production or off the sandbox before the body is even read.
      await phone().ensureRepliesAllowed();
      const input = parseInput(phoneReplySchema, ctx.request.body ?? {});
      const data = await phone().reply(input, { id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });
      ctx.status = 202;
      ctx.body = { data };
    },
  };
};

export default sandboxPhoneController;
