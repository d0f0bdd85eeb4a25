import booking from './booking/schema.json';

export default { booking: { schema: booking } };
