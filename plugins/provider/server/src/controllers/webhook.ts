import type { Core } from '@strapi/strapi';
import type { WebhooksService } from '../services/webhooks';

type Ctx = any;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Public webhook routes: the signature is the authentication; the answer is what the provider expects. */
const webhookController = ({ strapi }: { strapi: Core.Strapi }) => {
  const webhooks = () => strapi.plugin('provider').service('webhooks') as WebhooksService;
  const params = (ctx: Ctx): Record<string, string> =>
    Object.fromEntries(Object.entries(ctx.request.body ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

  const answer = (ctx: Ctx, outcome: { status: number }) => {
    if (outcome.status === 403) {
      ctx.status = 403;
      ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'This request is not signed by the messaging provider, so it was ignored.', details: {} } };
      return;
    }
    ctx.status = 200;
    ctx.type = 'text/xml';
    ctx.body = EMPTY_TWIML;
  };

  return {
    async inbound(ctx: Ctx) {
      answer(ctx, await webhooks().inbound(ctx.originalUrl, ctx.get('x-twilio-signature'), params(ctx)));
    },
    async status(ctx: Ctx) {
      answer(ctx, await webhooks().status(ctx.originalUrl, ctx.get('x-twilio-signature'), params(ctx)));
    },
  };
};

export default webhookController;
