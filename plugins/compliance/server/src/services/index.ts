import timeline from './timeline';

export default { timeline };
