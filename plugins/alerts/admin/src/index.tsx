import { WarningCircle } from '@strapi/icons';
import { AlertsMenuIcon } from './components/AlertsMenuIcon';

// Alerts & escalation (issue 21, OPS §3.7): the dashboard grouped by severity with Resolve and Dismiss, the escalation
// rules and their history; the menu link carries the live count of open critical and warning alerts.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/alerts',
      icon: AlertsMenuIcon,
      intlLabel: { id: 'alerts.menu', defaultMessage: 'Alerts' },
      permissions: [{ action: 'plugin::alerts.read', subject: null }],
      Component: () => import('./pages/Alerts'),
    });
    app.registerPlugin({ id: 'alerts', name: 'Alerts' });
    app.widgets.register({
      id: 'open-alerts',
      pluginId: 'alerts',
      icon: WarningCircle,
      title: { id: 'alerts.widget.title', defaultMessage: 'Open alerts' },
      component: async () => (await import('./widgets/AlertsWidget')).AlertsWidget,
      permissions: [{ action: 'plugin::alerts.read' }],
    });
  },
  async registerTrads() {
    return [];
  },
};
