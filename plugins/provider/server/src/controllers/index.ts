import webhook from './webhook';
import settings from './settings';
import deliveries from './deliveries';
import sandboxPhone from './sandbox-phone';

export default { webhook, settings, deliveries, 'sandbox-phone': sandboxPhone };
