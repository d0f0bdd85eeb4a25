import webhook from './webhook';
import settings from './settings';

export default { webhook, settings };
