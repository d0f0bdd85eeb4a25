import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type AutomationsAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: AutomationsAction) => guardedAdminRoute(method, path, handler, actionId(action));

/** Admin routes, served at /automations/... (API.md "Automations"). Sitters hold none of these actions (OPS §3.6). */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/', 'admin.list', 'read'),
    guarded('GET', '/catalogue', 'admin.catalogue', 'read'),
    guarded('POST', '/templates/preview', 'admin.preview', 'read'),
    guarded('POST', '/', 'admin.create', 'manage'),
    guarded('GET', '/:id', 'admin.findOne', 'read'),
    guarded('PUT', '/:id', 'admin.update', 'manage'),
    guarded('DELETE', '/:id', 'admin.archive', 'manage'),
    guarded('POST', '/:id/test', 'admin.test', 'manage'),
    guarded('POST', '/:id/activate', 'admin.activate', 'toggle'),
    guarded('POST', '/:id/pause', 'admin.pause', 'toggle'),
    guarded('GET', '/:id/executions', 'admin.executions', 'read'),
  ],
};
