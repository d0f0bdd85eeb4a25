// App-user routes of API.md. `prefix: ''` serves them at /api/<path> rather than /api/messaging/<path>.
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { prefix: '' } });

export default {
  type: 'content-api',
  routes: [
    route('GET', '/conversations', 'conversation.find'),
    route('POST', '/conversations', 'conversation.create'),
    route('GET', '/conversations/:id/messages', 'message.find'),
    route('POST', '/conversations/:id/messages', 'message.create'),
    route('POST', '/conversations/:id/typing', 'message.typing'),
    route('POST', '/conversations/:id/read', 'message.read'),
    // PRD §10: Prometheus scrapes with METRICS_TOKEN, not a user session, so Strapi's auth is off and the controller checks.
    { method: 'GET', path: '/metrics', handler: 'metrics.scrape', config: { auth: false } },
  ],
};
