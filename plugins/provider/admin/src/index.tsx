import { Phone } from '@strapi/icons';

// The sandbox's virtual phone: play a client, read what the business sent, reply through the inbound path.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/provider',
      icon: Phone,
      intlLabel: { id: 'provider.menu.virtual-phone', defaultMessage: 'Virtual phone' },
      permissions: [{ action: 'plugin::provider.use-sandbox-phone', subject: null }],
      Component: () => import('./pages/VirtualPhone'),
    });
    app.registerPlugin({ id: 'provider', name: 'Provider' });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
