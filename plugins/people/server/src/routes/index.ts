import { factories } from '@strapi/strapi';
import { guardedAdminRoute } from '@switchboard/kit';
import { actionId, CLIENT_UID, type PeopleAction } from '../constants';

// App-user routes of API.md. `prefix: ''` serves them at /api/profile rather than /api/people/profile.
const appRoute = (method: string, path: string, handler: string) => ({ method, path, handler, config: { prefix: '' } });

// Admin routes, served at /people/... with the admin token; each needs its people action (constants.ts).
const guarded = (method: string, path: string, handler: string, action: PeopleAction) => guardedAdminRoute(method, path, `console.${handler}`, actionId(action));

export default {
  'content-api': {
    type: 'content-api',
    routes: [appRoute('GET', '/profile', 'profile.find'), appRoute('PUT', '/profile', 'profile.update')],
  },
  // Integrators (API.md "Clients and bookings"): Strapi's core routes at /api/people/clients, authorised per action
  // (plugin::people.client.find|findOne|create|update|delete) by an API token. App roles never hold these.
  clients: factories.createCoreRouter(CLIENT_UID as any, { type: 'content-api' }),
  admin: {
    type: 'admin',
    routes: [
      guarded('GET', '/organisation', 'organisation', 'read'),
      guarded('PUT', '/organisation', 'updateOrganisation', 'manage'),
      guarded('GET', '/clients', 'clients', 'read'),
      guarded('GET', '/clients/:id', 'client', 'read'),
      guarded('POST', '/clients', 'createClient', 'manage'),
      guarded('PUT', '/clients/:id', 'updateClient', 'manage'),
      guarded('GET', '/sitters', 'sitters', 'read'),
      guarded('POST', '/sitters/:id/activate', 'activateSitter', 'manage-accounts'),
      guarded('POST', '/sitters/:id/deactivate', 'deactivateSitter', 'manage-accounts'),
      guarded('POST', '/accounts', 'createAccount', 'manage-accounts'),
    ],
  },
};
