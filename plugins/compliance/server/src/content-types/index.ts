import deliveryFailure from './delivery-failure/schema.json';

export default { 'delivery-failure': { schema: deliveryFailure } };
