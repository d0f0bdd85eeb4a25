import { Message } from '@strapi/icons';
import { UnreadMenuIcon } from './components/UnreadMenuIcon';
import { mountStaffAlerts } from './components/StaffAlerts';
import { tokenWatcher } from './components/staff-alerts';

// The staff inbox ("Messages") and, for Owners, the masquerade grants settings page. Wherever a staff member is in
// the panel, the menu link and the tab title show their unread count and a new client text shows a toast (issue 13
// item 4): one socket for the panel, started when the admin token appears in the panel's store.
export default {
  register(app: any) {
    app.addMiddlewares([tokenWatcher]);
    app.addMenuLink({
      to: 'plugins/messaging',
      icon: UnreadMenuIcon,
      intlLabel: { id: 'messaging.menu.messages', defaultMessage: 'Messages' },
      permissions: [{ action: 'plugin::messaging.read', subject: null }],
      Component: () => import('./pages/Inbox/InboxPage'),
    });
    // Plugins above messaging add to a message in the inbox through this zone (policy: its violation badge); each
    // component is given `{ message, timeZone }` (the staff Message shape) and draws nothing when it has nothing to say.
    app.registerPlugin({ id: 'messaging', name: 'Messages', injectionZones: { inbox: { messageBadges: [] } } });
    app.widgets.register({
      id: 'unread',
      pluginId: 'messaging',
      icon: Message,
      title: { id: 'messaging.widget.unread', defaultMessage: 'Unread conversations' },
      component: async () => (await import('./widgets/UnreadWidget')).UnreadWidget,
      permissions: [{ action: 'plugin::messaging.read' }],
    });
  },
  bootstrap(app: any) {
    mountStaffAlerts();
    app.addSettingsLink(
      { id: 'messaging', intlLabel: { id: 'messaging.settings.section', defaultMessage: 'Messaging' } },
      {
        id: 'masquerade-grants',
        to: 'messaging/masquerade-grants',
        intlLabel: { id: 'messaging.settings.masquerade-grants', defaultMessage: 'Masquerade grants' },
        permissions: [{ action: 'plugin::messaging.manage-grants', subject: null }],
        Component: () => import('./pages/MasqueradeGrants/GrantsPage'),
      },
    );
  },
  async registerTrads() {
    return [];
  },
};
