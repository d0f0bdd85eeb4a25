// Staff routes of API.md, served at /messaging/<path>. Each one checks an admin permission.
const guarded = (method: string, path: string, handler: string, actions: string[]) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }] },
});

const READ = ['plugin::messaging.read'];
const SEND = ['plugin::messaging.send'];

export default {
  type: 'admin',
  routes: [
    guarded('GET', '/conversations', 'inbox.list', READ),
    guarded('POST', '/conversations', 'inbox.create', SEND),
    guarded('GET', '/conversations/:id/messages', 'inbox.messages', READ),
    guarded('POST', '/conversations/:id/messages', 'inbox.send', SEND),
    guarded('POST', '/conversations/:id/typing', 'inbox.typing', READ),
    guarded('POST', '/conversations/:id/read', 'inbox.read', READ),
    guarded('GET', '/audit', 'inbox.audit', ['plugin::audit.read']),
  ],
};
