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
    guarded('GET', '/analytics/response-times', 'admin.responseTimes', 'read'),
    guarded('GET', '/analytics/volume', 'admin.volume', 'read'),
    guarded('GET', '/analytics/export.csv', 'admin.exportAnalytics', 'export'),
    guarded('GET', '/delivery-failures', 'admin.failures', 'read'),
    guarded('GET', '/delivery-failures/export.csv', 'admin.exportFailures', 'export'),
    guarded('GET', '/delivery-failures/:id', 'admin.failure', 'read'),
    // Retry needs provider's retry-deliveries and resolve needs `resolve`, checked in the controller so a Messaging
    // Admin hears the sentence.
    guarded('POST', '/delivery-failures/:id/retry', 'admin.retryFailure', 'read'),
    guarded('POST', '/delivery-failures/:id/resolve', 'admin.resolveFailure', 'read'),
  ],
};
