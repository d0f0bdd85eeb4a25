import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput, ValidationError } from '@switchboard/kit';
import { accountRefusal, connectTwilioSchema, deliveryIdFrom, phoneQuerySchema, phoneReplySchema } from '../domain/inputs';
import type { ProviderSettingsService } from '../services/settings';
import type { OutboundService } from '../services/outbound';
import type { SandboxPhoneService } from '../services/sandbox-phone';

type Ctx = any;

/** Staff routes: provider settings, delivery dead letters, and the sandbox's virtual phone. Refusals are thrown. */
const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('provider').service(name) as T;
  const actor = (ctx: Ctx) => ({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });

  return {
    async show(ctx: Ctx) {
      ctx.body = { data: await service<ProviderSettingsService>('settings').publicView() };
    },

    async connectTwilio(ctx: Ctx) {
      const input = parseInput(connectTwilioSchema, ctx.request.body ?? {});
      const result = await service<ProviderSettingsService>('settings').connectTwilio(input, actor(ctx));
      if (!result.connected) throw new ValidationError(accountRefusal(result.check));
      ctx.body = { data: { ...(await service<ProviderSettingsService>('settings').publicView()), check: result.check } };
    },

    async useSandbox(ctx: Ctx) {
      await service<ProviderSettingsService>('settings').useSandbox(actor(ctx));
      ctx.body = { data: await service<ProviderSettingsService>('settings').publicView() };
    },

    async test(ctx: Ctx) {
      const provider = await service<ProviderSettingsService>('settings').provider();
      ctx.body = { data: await provider.checkAccount() };
    },

    async deadLetters(ctx: Ctx) {
      ctx.body = { data: await service<OutboundService>('outbound').deadLetters() };
    },

    async retry(ctx: Ctx) {
      const data = await service<OutboundService>('outbound').retry(deliveryIdFrom(ctx.params.id));
      ctx.status = 202;
      ctx.body = { data };
    },

    async phone(ctx: Ctx) {
      const { phoneNumber } = parseInput(phoneQuerySchema, ctx.request.query ?? {});
      ctx.body = { data: await service<SandboxPhoneService>('sandbox-phone').conversation(phoneNumber) };
    },

    async reply(ctx: Ctx) {
      await service<SandboxPhoneService>('sandbox-phone').ensureRepliesAllowed();
      const input = parseInput(phoneReplySchema, ctx.request.body ?? {});
      const data = await service<SandboxPhoneService>('sandbox-phone').reply(input, actor(ctx));
      ctx.status = 202;
      ctx.body = { data };
    },
  };
};

export default settingsController;
