import auditLog from './audit-log';

export default { 'audit-log': auditLog };
