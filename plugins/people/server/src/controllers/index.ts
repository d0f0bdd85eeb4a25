import profile from './profile';
import console from './console';
import client from './client';

export default { profile, console, client };
