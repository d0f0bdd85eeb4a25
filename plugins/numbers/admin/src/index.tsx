import { Hashtag } from '@strapi/icons';

// The Number Inventory (OPS §3.1): every business number, its class, status, assignment and health.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/numbers',
      icon: Hashtag,
      intlLabel: { id: 'numbers.menu.inventory', defaultMessage: 'Number Inventory' },
      permissions: [{ action: 'plugin::numbers.read', subject: null }],
      Component: () => import('./pages/Inventory'),
    });
    app.registerPlugin({ id: 'numbers', name: 'Numbers' });
    app.widgets.register({
      id: 'number-health',
      pluginId: 'numbers',
      icon: Hashtag,
      title: { id: 'numbers.widget.title', defaultMessage: 'Number health' },
      component: async () => (await import('./widgets/NumbersWidget')).NumbersWidget,
      permissions: [{ action: 'plugin::numbers.read' }],
    });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
