import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type AlertsAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: AlertsAction) => guardedAdminRoute(method, path, handler, actionId(action));

/** Admin routes, served at /alerts/... (API.md "Alerts"). Sitters hold none of these actions (OPS §3.7). */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/', 'admin.list', 'read'),
    guarded('GET', '/escalation-targets', 'admin.targets', 'configure'),
    guarded('GET', '/escalation-rules', 'admin.rules', 'configure'),
    guarded('POST', '/escalation-rules', 'admin.createRule', 'configure'),
    guarded('PUT', '/escalation-rules/:id', 'admin.updateRule', 'configure'),
    guarded('DELETE', '/escalation-rules/:id', 'admin.deleteRule', 'configure'),
    guarded('POST', '/escalation-rules/:id/test', 'admin.testRule', 'configure'),
    guarded('GET', '/escalations', 'admin.escalations', 'read'),
    guarded('GET', '/:id', 'admin.findOne', 'read'),
    guarded('POST', '/:id/resolve', 'admin.resolve', 'resolve'),
    guarded('POST', '/:id/dismiss', 'admin.dismiss', 'dismiss'),
  ],
};
