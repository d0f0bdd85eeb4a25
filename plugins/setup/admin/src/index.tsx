import { CheckCircle } from '@strapi/icons';

// Setup (issue 22, OPS §3.9): the wizard's page, for the Owner who connects a real provider; a Messaging Admin sees
// its state. The admin home's readiness widget (issue 23).
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
    app.widgets.register({
      id: 'readiness',
      pluginId: 'setup',
      icon: CheckCircle,
      title: { id: 'setup.widget.title', defaultMessage: 'Setup' },
      component: async () => (await import('./widgets/SetupWidget')).SetupWidget,
      permissions: [{ action: 'plugin::setup.read' }],
    });
  },
  async registerTrads() {
    return [];
  },
};
