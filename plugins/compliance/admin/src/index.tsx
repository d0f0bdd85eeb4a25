import { ClockCounterClockwise } from '@strapi/icons';

// Audit & compliance (issue 19, OPS §3.5): the audit timeline with its export and the chain's check, the delivery
// failures, the policy violations feed and the analytics, as tabs of one page.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/compliance',
      icon: ClockCounterClockwise,
      intlLabel: { id: 'compliance.menu', defaultMessage: 'Audit & compliance' },
      permissions: [{ action: 'plugin::compliance.read', subject: null }],
      Component: () => import('./pages/Compliance'),
    });
    app.registerPlugin({ id: 'compliance', name: 'Compliance' });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
