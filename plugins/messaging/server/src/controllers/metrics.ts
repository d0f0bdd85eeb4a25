import type { Core } from '@strapi/strapi';
import type { MetricsService } from '../services/metrics';

type Ctx = any;

/** GET /api/messaging/metrics: the Prometheus exposition, for holders of METRICS_TOKEN only. */
const metricsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async scrape(ctx: Ctx) {
    const metrics = strapi.plugin('messaging').service('metrics') as MetricsService;
    if (!metrics.acceptsScrape(ctx.request.header.authorization)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      const message = metrics.configured
        ? 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>" to read the metrics.'
        : 'Metrics are turned off on this server: set METRICS_TOKEN and restart to read them.';
      ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message, details: {} } };
      return;
    }
    const { contentType, body } = await metrics.exposition();
    ctx.type = contentType;
    ctx.body = body;
  },
});

export default metricsController;
