import type { Core } from '@strapi/strapi';
import { getService } from '../get-service';

type Ctx = any;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Public webhook routes: the signature is the authentication (the service refuses with 403); the answer is what the provider expects. */
const webhookController = ({ strapi }: { strapi: Core.Strapi }) => {
  const webhooks = () => getService(strapi, 'webhooks');
  const params = (ctx: Ctx): Record<string, string> =>
    Object.fromEntries(Object.entries(ctx.request.body ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const acknowledge = (ctx: Ctx) => {
    ctx.status = 200;
    ctx.type = 'text/xml';
    ctx.body = EMPTY_TWIML;
  };

  return {
    async inbound(ctx: Ctx) {
      await webhooks().inbound(ctx.originalUrl, ctx.get('x-twilio-signature'), params(ctx));
      acknowledge(ctx);
    },
    async status(ctx: Ctx) {
      await webhooks().status(ctx.originalUrl, ctx.get('x-twilio-signature'), params(ctx));
      acknowledge(ctx);
    },
  };
};

export default webhookController;
