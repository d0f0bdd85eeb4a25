import { Lightning } from '@strapi/icons';

// Automations (issue 20, OPS §3.6): the list, each automation's detail with its test and execution log, the builder.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/automations',
      icon: Lightning,
      intlLabel: { id: 'automations.menu', defaultMessage: 'Automations' },
      permissions: [{ action: 'plugin::automations.read', subject: null }],
      Component: () => import('./pages/Automations'),
    });
    app.registerPlugin({ id: 'automations', name: 'Automations' });
  },
  async registerTrads() {
    return [];
  },
};
