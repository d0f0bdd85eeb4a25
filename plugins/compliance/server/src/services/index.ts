import timeline from './timeline';
import deliveryFailures from './delivery-failures';
import analytics from './analytics';

export default { timeline, 'delivery-failures': deliveryFailures, analytics };
