import booking from './booking/schema.json';
import window from './window/schema.json';

export default { booking: { schema: booking }, window: { schema: window } };
