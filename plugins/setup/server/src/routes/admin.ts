import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type SetupAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: SetupAction) => guardedAdminRoute(method, path, handler, actionId(action));

/** Admin routes, served at /setup/... (API.md "Setup and system settings"). Sitters hold none of these actions. */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/', 'admin.view', 'read'),
    guarded('GET', '/available', 'admin.available', 'manage'),
    guarded('POST', '/steps/:key', 'admin.step', 'manage'),
    guarded('POST', '/finish', 'admin.finish', 'manage'),
    guarded('GET', '/settings', 'admin.settings', 'read'),
    guarded('PUT', '/settings', 'admin.updateSettings', 'manage'),
    guarded('GET', '/status', 'admin.status', 'read'),
    guarded('POST', '/status/repair', 'admin.repair', 'manage'),
    guarded('POST', '/test-integration', 'admin.testIntegration', 'manage'),
  ],
};
