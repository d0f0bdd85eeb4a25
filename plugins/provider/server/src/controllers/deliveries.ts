import type { Core } from '@strapi/strapi';
import { deliveryIdFrom } from '../domain/inputs';
import { getService } from '../get-service';

type Ctx = any;

/** Staff routes for failed deliveries: the dead letters, and an owner's manual retry. */
const deliveriesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async deadLetters(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'outbound').deadLetters() };
  },

  async retry(ctx: Ctx) {
    const data = await getService(strapi, 'outbound').retry(deliveryIdFrom(ctx.params.id));
    ctx.status = 202;
    ctx.body = { data };
  },
});

export default deliveriesController;
