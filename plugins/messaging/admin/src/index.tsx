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
    app.registerPlugin({ id: 'messaging', name: 'Messages' });
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
