import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { numbersActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, numbersActions);
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { numbersActions, numbersAdminActions, NUMBER_UID, ASSIGNMENT_UID } from './constants';
export type { InventoryService } from './services/inventory';
export type { ChangesService } from './services/changes';
export type { ThreadsService, NumberThreads } from './services/threads';
export type { ThreadUsingNumber, Reassignment } from './domain/inventory';
