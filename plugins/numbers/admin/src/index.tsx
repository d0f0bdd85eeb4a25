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
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
