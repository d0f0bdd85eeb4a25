import auditEventSchema from './audit-event/schema.json';

export default {
  'audit-event': { schema: auditEventSchema },
};
