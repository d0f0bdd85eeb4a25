import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, type ComplianceAction } from '../constants';

const guarded = (method: string, path: string, handler: string, action: ComplianceAction) => guardedAdminRoute(method, path, handler, actionId(action));

/** Admin routes, served at /compliance/... (API.md "Compliance"). Sitters hold none of these actions (OPS §3.5). */
export default {
  type: 'admin',
  routes: [
    guarded('GET', '/audit', 'admin.timeline', 'read'),
    guarded('GET', '/audit/export.csv', 'admin.exportTimeline', 'export'),
    guarded('POST', '/audit/verify', 'admin.verifyChain', 'read'),
    guarded('GET', '/audit/:id', 'admin.timelineEvent', 'read'),
  ],
};
