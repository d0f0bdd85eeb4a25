import violations from './violations';
import port from './port';
import settings from './settings';

export default { violations, port, settings };
