import { ClockCounterClockwise } from '@strapi/icons';
import { DeliveryFailureBadge } from './components/DeliveryFailureBadge';

// Audit & compliance (issue 19, OPS §3.5): the audit timeline with its export and the chain's check, the delivery
// failures, the policy violations feed and the analytics, as tabs of one page. In the staff inbox, a failed SMS
// carries its failure and the Retry, put there through messaging's `inbox.messageBadges` injection zone.
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
  bootstrap(app: any) {
    app.getPlugin('messaging')?.injectComponent('inbox', 'messageBadges', { name: 'delivery-failure', Component: DeliveryFailureBadge });
  },
  async registerTrads() {
    return [];
  },
};
