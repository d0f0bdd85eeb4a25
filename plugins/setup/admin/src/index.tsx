import { CheckCircle } from '@strapi/icons';

// Setup (issue 22, OPS §3.9): the wizard's page, for the Owner who connects a real provider; a Messaging Admin sees
// its state.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/setup',
      icon: CheckCircle,
      intlLabel: { id: 'setup.menu', defaultMessage: 'Setup' },
      permissions: [{ action: 'plugin::setup.read', subject: null }],
      Component: () => import('./pages/Setup'),
    });
    app.registerPlugin({ id: 'setup', name: 'Setup' });
  },
  async registerTrads() {
    return [];
  },
};
