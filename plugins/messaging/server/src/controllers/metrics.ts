import type { Core } from '@strapi/strapi';
import { getService } from '../get-service';

type Ctx = any;

/** GET /api/messaging/metrics: the Prometheus exposition, for holders of METRICS_TOKEN only. */
const metricsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async scrape(ctx: Ctx) {
    const metrics = getService(strapi, 'metrics');
    if (!metrics.acceptsScrape(ctx.request.header.authorization)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      // Strapi's own 401 answer: a thrown UnauthorizedError would lose its sentence in Strapi's authorize step.
      return ctx.unauthorized(
        metrics.configured
          ? 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>" to read the metrics.'
          : 'Metrics are turned off on this server: set METRICS_TOKEN and restart to read them.',
      );
    }
    const { contentType, body } = await metrics.exposition();
    ctx.type = contentType;
    ctx.body = body;
  },
});

export default metricsController;
