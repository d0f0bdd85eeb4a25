import { AUDIT_ACTIONS } from '@switchboard/audit';
import { guardedAdminRoute } from '@switchboard/kit';
import { ACTIONS } from '../constants';

// Staff routes of API.md, served at /messaging/<path>. Each one checks an admin permission.
const guarded = (method: string, path: string, handler: string, actions: string[]) => guardedAdminRoute(method, path, handler, actions);

const READ = [ACTIONS.read];
const SEND = [ACTIONS.send];
const MANAGE_GRANTS = [ACTIONS.manageGrants];

export default {
  type: 'admin',
  routes: [
    guarded('GET', '/conversations', 'inbox.list', READ),
    guarded('POST', '/conversations', 'inbox.create', SEND),
    guarded('GET', '/conversations/:id/messages', 'inbox.messages', READ),
    guarded('POST', '/conversations/:id/messages', 'inbox.send', SEND),
    guarded('POST', '/conversations/:id/typing', 'inbox.typing', READ),
    guarded('POST', '/conversations/:id/read', 'inbox.read', READ),
    guarded('GET', '/unread', 'read-state.unread', READ),
    guarded('GET', '/audit', 'inbox.audit', [AUDIT_ACTIONS.read]),
    // The staff inbox page: what the signed-in admin may do, and names for filters and new threads.
    guarded('GET', '/me', 'staff.me', READ),
    guarded('GET', '/directory', 'staff.directory', READ),
    // Masquerade grants: Owners only (PRD §6.1, §9).
    guarded('GET', '/masquerade-grants', 'staff.listGrants', MANAGE_GRANTS),
    guarded('POST', '/masquerade-grants', 'staff.createGrant', MANAGE_GRANTS),
    guarded('DELETE', '/masquerade-grants/:id', 'staff.revokeGrant', MANAGE_GRANTS),
  ],
};
