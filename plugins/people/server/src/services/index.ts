import { factories } from '@strapi/strapi';
import profile from './profile';
import directory from './directory';
import sitters from './sitters';
import clients from './clients';
import organisation from './organisation';
import accounts from './accounts';
import { CLIENT_UID } from '../constants';

/** `client` is Strapi's core service the REST routes /api/people/clients use; every other plugin reads clients through `clients`. */
export default { profile, directory, sitters, clients, organisation, accounts, client: factories.createCoreService(CLIENT_UID as any) };
