import { CheckCircle, Cog } from '@strapi/icons';

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
    // OPS §3.8 "Provider & System Settings": every plugin's settings and the integration status.
    app.addMenuLink({
      to: 'plugins/system-settings',
      icon: Cog,
      intlLabel: { id: 'setup.menu.settings', defaultMessage: 'System settings' },
      permissions: [{ action: 'plugin::setup.read', subject: null }],
      Component: () => import('./pages/Settings'),
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
