import alert from './alert/schema.json';
import escalationRule from './escalation-rule/schema.json';
import escalation from './escalation/schema.json';

export default { alert: { schema: alert }, 'escalation-rule': { schema: escalationRule }, escalation: { schema: escalation } };
