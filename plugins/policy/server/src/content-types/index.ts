import violation from './violation/schema.json';

export default { violation: { schema: violation } };
