import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type RoutingAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: RoutingAction) => guardedAdminRoute(method, path, handler, actionId(action));

/**
 * Admin routes, served at /routing/... (API.md "Routing"). Overrides need `read` at the door and `override` in the
 * controller, so a Messaging Admin hears API.md's sentence ("Only an owner can override routing.").
 */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/rules', 'admin.rules', 'read'),
    guarded('POST', '/simulate', 'admin.simulate', 'read'),
    guarded('GET', '/overrides', 'admin.listOverrides', 'read'),
    guarded('POST', '/overrides', 'admin.createOverride', 'read'),
    guarded('DELETE', '/overrides/:id', 'admin.removeOverride', 'read'),
    guarded('GET', '/history', 'admin.history', 'read'),
    guarded('GET', '/decisions/:id', 'admin.decision', 'read'),
    guarded('POST', '/decisions/:id/replay', 'admin.replay', 'read'),
    guarded('GET', '/forecast', 'admin.forecast', 'read'),
  ],
};
