import { User } from '@strapi/icons';

// The People page (issue 14): clients, sitters and their activation, new accounts, the organisation settings.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/people',
      icon: User,
      intlLabel: { id: 'people.menu.people', defaultMessage: 'People' },
      permissions: [{ action: 'plugin::people.read', subject: null }],
      Component: () => import('./pages/People'),
    });
    app.registerPlugin({ id: 'people', name: 'People' });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
