import automation from './automation/schema.json';
import execution from './execution/schema.json';

export default { automation: { schema: automation }, execution: { schema: execution } };
