import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type NumbersAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: NumbersAction) => guardedAdminRoute(method, path, `inventory.${handler}`, actionId(action));

/** Admin routes, served at /numbers/... (OPS §3.1 "Permissions": see constants.ts). */
export default {
  admin: {
    type: 'admin',
    routes: [
      guarded('GET', '/', 'list', 'read'),
      guarded('GET', '/export.csv', 'exportCsv', 'bulk'),
      guarded('GET', '/available', 'search', 'buy'),
      guarded('POST', '/buy', 'buy', 'buy'),
      guarded('POST', '/import', 'import', 'buy'),
      guarded('POST', '/bulk', 'bulk', 'bulk'),
      guarded('GET', '/sitters', 'sitters', 'read'),
      guarded('POST', '/sitters/:userId/activate', 'activateSitter', 'manage-sitters'),
      guarded('POST', '/sitters/:userId/deactivate', 'deactivateSitter', 'manage-sitters'),
      guarded('GET', '/:id', 'show', 'read'),
      guarded('GET', '/:id/preview', 'preview', 'read'),
      guarded('POST', '/:id/assign', 'assign', 'assign'),
      guarded('POST', '/:id/release', 'release', 'release'),
      guarded('POST', '/:id/quarantine', 'quarantine', 'quarantine'),
      guarded('POST', '/:id/release-quarantine', 'releaseFromQuarantine', 'quarantine'),
    ],
  },
};
