import engine from './engine';
import decisions from './decisions';
import overrides from './overrides';
import port from './port';
import settings from './settings';

export default { engine, decisions, overrides, port, settings };
