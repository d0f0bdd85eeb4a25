import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { parseInput, ValidationError } from '@switchboard/kit';
import { accountRefusal, connectTwilioSchema, webhookSettingSchema } from '../domain/inputs';
import { getService } from '../get-service';

type Ctx = any;

/** Staff routes for the provider's settings: which provider runs, connecting Twilio, going back to the sandbox. */
const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  return {
    async show(ctx: Ctx) {
      ctx.body = { data: await settings().publicView() };
    },

    async connectTwilio(ctx: Ctx) {
      const input = parseInput(connectTwilioSchema, ctx.request.body ?? {});
      const result = await settings().connectTwilio(input, { id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });
      if (!result.connected) throw new ValidationError(accountRefusal(result.check));
      ctx.body = { data: { ...(await settings().publicView()), check: result.check } };
    },

    async useSandbox(ctx: Ctx) {
      await settings().useSandbox({ id: ctx.state.user.id, displayName: adminDisplayName(ctx.state.user) });
      ctx.body = { data: await settings().publicView() };
    },

    /** GET /provider/settings/delivery: retries, backoff and timeout, with each one's range. */
    async delivery(ctx: Ctx) {
      const service = getService(strapi, 'delivery-settings');
      ctx.body = { data: await service.get(), meta: { ranges: service.ranges() } };
    },

    /** PUT /provider/settings/delivery: a partial change, checked against the ranges and audited. */
    async updateDelivery(ctx: Ctx) {
      const service = getService(strapi, 'delivery-settings');
      ctx.body = { data: await service.update(ctx.request.body ?? {}, { id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) }), meta: { ranges: service.ranges() } };
    },

    /** PUT /provider/settings/webhook: the custom webhook base the setup wizard's step 6 installs, or null to clear it. */
    async updateWebhook(ctx: Ctx) {
      const { webhookBaseUrl } = parseInput(webhookSettingSchema, ctx.request.body ?? {});
      await settings().setWebhookBaseUrl(webhookBaseUrl, { id: Number(ctx.state.user.id), displayName: adminDisplayName(ctx.state.user) });
      ctx.body = { data: await settings().webhookSetting() };
    },

    async test(ctx: Ctx) {
      const provider = await settings().provider();
      ctx.body = { data: await provider.checkAccount() };
    },
  };
};

export default settingsController;
