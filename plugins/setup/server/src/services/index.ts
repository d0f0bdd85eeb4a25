import wizard from './wizard';
import systemSettings from './system-settings';
import integration from './integration';

export default { wizard, 'system-settings': systemSettings, integration };
