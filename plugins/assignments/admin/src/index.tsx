import { Calendar } from '@strapi/icons';

// The Assignments page (issue 16): the windows calendar, list and conflicts, and the assign-sitter panel.
// `plugins/assignments?assign=<conversationId>` or `?clientId=<documentId>` opens the panel for that client.
export default {
  register(app: any) {
    app.addMenuLink({
      to: 'plugins/assignments',
      icon: Calendar,
      intlLabel: { id: 'assignments.menu.assignments', defaultMessage: 'Assignments' },
      permissions: [{ action: 'plugin::assignments.read', subject: null }],
      Component: () => import('./pages/Assignments'),
    });
    app.registerPlugin({ id: 'assignments', name: 'Assignments' });
    app.widgets.register({
      id: 'today',
      pluginId: 'assignments',
      icon: Calendar,
      title: { id: 'assignments.widget.title', defaultMessage: "Today's assignment windows" },
      component: async () => (await import('./widgets/WindowsWidget')).WindowsWidget,
      permissions: [{ action: 'plugin::assignments.read' }],
    });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
