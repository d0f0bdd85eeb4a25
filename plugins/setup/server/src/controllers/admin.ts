import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { getService } from '../get-service';

type Ctx = any;

/** The setup routes (API.md "Setup and system settings"): thin, call one service. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
  const wizard = () => getService(strapi, 'wizard');
  return {
    async view(ctx: Ctx) {
      ctx.body = { data: await wizard().view() };
    },
    async step(ctx: Ctx) {
      ctx.body = { data: await wizard().step(ctx.params.key, ctx.request.body ?? {}, staff(ctx)) };
    },
    async finish(ctx: Ctx) {
      ctx.body = { data: await wizard().finish(staff(ctx)) };
    },
    async available(ctx: Ctx) {
      ctx.body = { data: await wizard().available(ctx.query) };
    },
  };
};

export default admin;
