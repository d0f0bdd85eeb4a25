import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type PolicyAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: PolicyAction) => guardedAdminRoute(method, path, handler, actionId(action));

/**
 * Admin routes, served at /policy/... (API.md "Anti-poaching policy"). The reviews need `read` at the door and
 * `review` in the controller, so a Messaging Admin hears the sentence.
 */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/violations', 'admin.list', 'read'),
    guarded('GET', '/violations/export.csv', 'admin.exportCsv', 'read'),
    guarded('GET', '/violations/summary', 'admin.summary', 'read'),
    guarded('GET', '/violations/:id', 'admin.findOne', 'read'),
    guarded('POST', '/violations/:id/reveal', 'admin.reveal', 'read'),
    guarded('POST', '/violations/:id/approve', 'admin.approve', 'read'),
    guarded('POST', '/violations/:id/dismiss', 'admin.dismiss', 'read'),
    guarded('POST', '/violations/:id/resolve', 'admin.resolve', 'read'),
  ],
};
