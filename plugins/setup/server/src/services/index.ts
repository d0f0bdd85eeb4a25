import wizard from './wizard';

export default { wizard };
