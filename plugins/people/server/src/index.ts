import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import type { Core } from '@strapi/strapi';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import { PLUGIN, peopleActions } from './constants';
import { clientWrites } from './document-middlewares/client-writes';
import { getService } from './get-service';

export default definePlugin({
  register({ strapi }: { strapi: Core.Strapi }) {
    // Every client write, whoever makes it (People page, Content Manager, REST API, seed, an unknown SMS sender).
    strapi.documents.use(clientWrites(strapi) as any);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, peopleActions);
    // What a node read of business profiles (names, gating) is forgotten the moment one is written.
    getService(strapi, 'directory').watchBusinessWrites();
  },
  destroy({ strapi }: { strapi: Core.Strapi }) {
    getService(strapi, 'directory').stopWatching();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { PLUGIN as PEOPLE_PLUGIN, CLIENT_UID, peopleActions, peopleAdminActions, BUSINESS_PROFILE_UID, VA_PROFILE_UID, SITTER_PROFILE_UID, CONTENT_API_ACTIONS as PEOPLE_CONTENT_API_ACTIONS } from './constants';
export { APP_ROLES, isAppRole, type AppRole } from './domain/roles';
export { profileCompleteness, gatingDecision, cleanText, PROFILE_FIELDS } from './domain/profile';
export type { Gating, Completeness, ProfileField } from './domain/profile';
export type { ProfileService, ProfileView, ProfileUpdatedListener } from './services/profile';
export type { DirectoryService, AppPerson, NamedBusiness, NamedVa } from './services/directory';
export type { SittersService, Sitter, SitterPick, SitterActivation, ActivationActor } from './services/sitters';
export type { ActivationPreview } from './domain/sitter-activation';
export type { ClientsService, ClientView } from './services/clients';
export type { OrganisationService, Organisation } from './services/organisation';
export type { AccountsService, AccountCreated } from './services/accounts';
export { clientName, CLIENT_SENTENCES } from './domain/clients';
export { organisationUpdateSchema, organisationSettingsSchema, ORGANISATION_SETTING_RANGES } from './domain/organisation';
