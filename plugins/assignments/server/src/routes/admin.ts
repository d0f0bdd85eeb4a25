import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type AssignmentsAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: AssignmentsAction) => guardedAdminRoute(method, path, handler, actionId(action));

/** Admin routes, served at /assignments/... (API.md "Operations plugins"). */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/bookings', 'admin-bookings.list', 'read'),
    guarded('GET', '/windows', 'admin-windows.list', 'read'),
    guarded('POST', '/windows', 'admin-windows.create', 'manage'),
    guarded('PUT', '/windows/:id', 'admin-windows.update', 'manage'),
    guarded('DELETE', '/windows/:id', 'admin-windows.remove', 'manage'),
    guarded('GET', '/conflicts', 'admin-windows.conflicts', 'read'),
    guarded('POST', '/conflicts/resolve', 'admin-windows.resolveConflict', 'manage'),
    guarded('POST', '/assign', 'admin-windows.assign', 'manage'),
    guarded('POST', '/threads/:conversationId/reassignment-message', 'admin-windows.reassignment', 'manage'),
  ],
};
