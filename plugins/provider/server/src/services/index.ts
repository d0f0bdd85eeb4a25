import settings from './settings';
import outbound from './outbound';
import webhooks from './webhooks';
import sandboxPhone from './sandbox-phone';
import usage from './usage';

export default { settings, outbound, webhooks, 'sandbox-phone': sandboxPhone, usage };
