import override from './override/schema.json';
import decision from './decision/schema.json';

export default { override: { schema: override }, decision: { schema: decision } };
