import { actionId, type AssignmentsAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: AssignmentsAction) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }] },
});

/** Admin routes, served at /assignments/... (API.md "Operations plugins"). */
export default {
  type: 'admin',
  routes: [guarded('GET', '/bookings', 'admin-bookings.list', 'read')],
};
