import violations from './violations';
import port from './port';

export default { violations, port };
