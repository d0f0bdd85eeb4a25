import profile from './profile';
import directory from './directory';
import sitters from './sitters';
import clients from './clients';
import organisation from './organisation';

export default { profile, directory, sitters, clients, organisation };
