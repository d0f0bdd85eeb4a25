import inventory from './inventory';

export default { inventory };
