import alerts from './alerts';
import escalations from './escalations';
import sources from './sources';
import settings from './settings';

export default { alerts, escalations, sources, settings };
