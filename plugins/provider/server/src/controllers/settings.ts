import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { loadEnv } from '@switchboard/config';
import { z } from 'zod';
import { virtualPhoneReplyRefusal } from '../domain/virtual-phone';
import type { ProviderSettingsService } from '../services/settings';
import type { OutboundService } from '../services/outbound';
import type { SandboxPhoneService } from '../services/sandbox-phone';

type Ctx = any;

const connectSchema = z.strictObject({
  accountSid: z.string({ error: 'accountSid is required.' }).regex(/^AC[0-9a-fA-F]{32}$/, { error: 'accountSid must be the 34-character account id that starts with AC.' }),
  authToken: z.string({ error: 'authToken is required.' }).min(16, { error: 'authToken looks too short; copy the whole auth token.' }).max(128),
  webhookBaseUrl: z.url({ error: 'webhookBaseUrl must be the public https address of this server.' }).optional(),
  frontDeskNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'frontDeskNumber must be in international format, like +14155550100.' }).optional(),
});
const replySchema = z.strictObject({
  from: z.string({ error: 'from is the client phone number.' }).min(1).max(20),
  to: z.string().max(20).optional(),
  body: z.string({ error: 'body is the text to send.' }).trim().min(1, { error: 'Write something to send.' }).max(1600, { error: 'An SMS here is at most 1,600 characters.' }),
});

const bad = (ctx: Ctx, message: string) => {
  ctx.status = 400;
  ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message, details: {} } };
};

/** Staff routes: provider settings, delivery dead letters, and the sandbox's virtual phone. */
const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string) => strapi.plugin('provider').service(name) as T;
  const displayName = (ctx: Ctx) => adminDisplayName(ctx.state.user);

  return {
    async show(ctx: Ctx) {
      ctx.body = { data: await service<ProviderSettingsService>('settings').publicView() };
    },

    async connectTwilio(ctx: Ctx) {
      const parsed = connectSchema.safeParse(ctx.request.body ?? {});
      if (!parsed.success) return bad(ctx, parsed.error.issues[0].message);
      const result = await service<ProviderSettingsService>('settings').connectTwilio(parsed.data, { id: ctx.state.user.id, displayName: displayName(ctx) });
      if (!result.connected) return bad(ctx, result.check.problems.join(' ') || 'The provider did not accept these credentials.');
      ctx.body = { data: { ...(await service<ProviderSettingsService>('settings').publicView()), check: result.check } };
    },

    async useSandbox(ctx: Ctx) {
      await service<ProviderSettingsService>('settings').useSandbox({ id: ctx.state.user.id, displayName: displayName(ctx) });
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
      const id = Number(ctx.params.id);
      if (!Number.isSafeInteger(id) || !(await service<OutboundService>('outbound').retry(id))) {
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'That failed message is not waiting for a retry; it may already have been retried.', details: {} } };
        return;
      }
      ctx.status = 202;
      ctx.body = { data: await service<OutboundService>('outbound').find(id) };
    },

    async phone(ctx: Ctx) {
      const number = String(ctx.request.query.phoneNumber ?? '');
      if (!/^\+[1-9]\d{6,14}$/.test(number)) return bad(ctx, 'phoneNumber must be in international format, like +14155550199.');
      ctx.body = { data: await service<SandboxPhoneService>('sandbox-phone').conversation(number) };
    },

    async reply(ctx: Ctx) {
      const refusal = virtualPhoneReplyRefusal(loadEnv().NODE_ENV);
      if (refusal) {
        ctx.status = 403;
        ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: refusal, details: {} } };
        return;
      }
      if ((await service<ProviderSettingsService>('settings').row()).kind !== 'sandbox') {
        ctx.status = 403;
        ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'The virtual phone only works with the sandbox provider.', details: {} } };
        return;
      }
      const parsed = replySchema.safeParse(ctx.request.body ?? {});
      if (!parsed.success) return bad(ctx, parsed.error.issues[0].message);
      const result = await service<SandboxPhoneService>('sandbox-phone').reply(parsed.data, { id: ctx.state.user.id, displayName: displayName(ctx) });
      if (!result.ok) return bad(ctx, result.message);
      ctx.status = 202;
      ctx.body = { data: { providerMessageId: result.providerMessageId } };
    },
  };
};

export default settingsController;
