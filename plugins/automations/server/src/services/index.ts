import automations from './automations';
import executions from './executions';
import context from './context';
import runner from './runner';
import triggers from './triggers';
import settings from './settings';

export default { automations, executions, context, runner, triggers, settings };
