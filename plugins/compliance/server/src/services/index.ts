import timeline from './timeline';
import deliveryFailures from './delivery-failures';

export default { timeline, 'delivery-failures': deliveryFailures };
