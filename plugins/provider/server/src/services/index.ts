import settings from './settings';
import outbound from './outbound';
import delivery from './delivery';
import webhooks from './webhooks';
import sandboxPhone from './sandbox-phone';
import usage from './usage';
import readiness from './readiness';
import deliverySettings from './delivery-settings';

export default { settings, outbound, delivery, webhooks, 'sandbox-phone': sandboxPhone, usage, readiness, 'delivery-settings': deliverySettings };
