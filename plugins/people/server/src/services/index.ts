import profile from './profile';
import directory from './directory';
import sitters from './sitters';

export default { profile, directory, sitters };
