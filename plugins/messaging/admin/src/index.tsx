import { Message } from '@strapi/icons';

// The staff inbox ("Messages") and, for Owners, the masquerade grants settings page.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/messaging',
      icon: Message,
      intlLabel: { id: 'messaging.menu.messages', defaultMessage: 'Messages' },
      permissions: [{ action: 'plugin::messaging.read', subject: null }],
      Component: () => import('./pages/Inbox/InboxPage'),
    });
    app.registerPlugin({ id: 'messaging', name: 'Messages' });
  },
  bootstrap(app: any) {
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
