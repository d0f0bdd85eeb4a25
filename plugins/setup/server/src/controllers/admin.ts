import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput } from '@switchboard/kit';
import { getService } from '../get-service';
import { repairSchema, statusQuerySchema } from '../domain/inputs';

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
    async settings(ctx: Ctx) {
      ctx.body = await getService(strapi, 'system-settings').get();
    },
    async updateSettings(ctx: Ctx) {
      ctx.body = await getService(strapi, 'system-settings').update(ctx.request.body ?? {}, staff(ctx));
    },
    async status(ctx: Ctx) {
      const { fresh } = parseInput(statusQuerySchema, ctx.query ?? {});
      ctx.body = { data: await getService(strapi, 'integration').status({ fresh: fresh === 'true' }) };
    },
    async repair(ctx: Ctx) {
      const { numbers } = parseInput(repairSchema, ctx.request.body ?? {});
      ctx.body = { data: await getService(strapi, 'integration').repair(numbers, staff(ctx)) };
    },
    async testIntegration(ctx: Ctx) {
      ctx.body = { data: await getService(strapi, 'integration').test() };
    },
    async available(ctx: Ctx) {
      ctx.body = { data: await wizard().available(ctx.query) };
    },
  };
};

export default admin;
