import { Shield } from '@strapi/icons';
import { ViolationBadge } from './components/ViolationBadge';

// Policy violations (issue 18, OPS §4.8, §3.5): the feed with its filters, the 30-day counts, the CSV export and each
// violation's review. `plugins/policy?violationId=<id>` opens that violation. In the staff inbox, a message that
// opened a violation carries its badge, put there through messaging's `inbox.messageBadges` injection zone.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/policy',
      icon: Shield,
      intlLabel: { id: 'policy.menu.violations', defaultMessage: 'Policy violations' },
      permissions: [{ action: 'plugin::policy.read', subject: null }],
      Component: () => import('./pages/Violations'),
    });
    app.registerPlugin({ id: 'policy', name: 'Policy' });
  },
  bootstrap(app: any) {
    app.getPlugin('messaging')?.injectComponent('inbox', 'messageBadges', { name: 'policy-violation', Component: ViolationBadge });
  },
  async registerTrads() {
    return [];
  },
};
