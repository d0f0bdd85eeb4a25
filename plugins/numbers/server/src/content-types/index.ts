import number from './number/schema.json';
import numberAssignment from './number-assignment/schema.json';

export default {
  number: { schema: number },
  'number-assignment': { schema: numberAssignment },
};
