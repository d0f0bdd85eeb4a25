import { ArrowsHorizontal } from '@strapi/icons';

// The Routing page (issue 17, OPS §3.2): the rules, the simulator with its 7-day forecast, overrides and the history.
// `plugins/routing?conversationId=<id>` opens it on that client thread (the staff inbox's routing badge and toggle).
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/routing',
      icon: ArrowsHorizontal,
      intlLabel: { id: 'routing.menu.routing', defaultMessage: 'Routing' },
      permissions: [{ action: 'plugin::routing.read', subject: null }],
      Component: () => import('./pages/Routing'),
    });
    app.registerPlugin({ id: 'routing', name: 'Routing' });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
