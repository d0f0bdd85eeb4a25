import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { numbersActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import type { SittersService } from '@switchboard/people';
import { getService } from './get-service';

export default definePlugin({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, numbersActions);
    // People shows a sitter their masked number; the inventory knows it.
    const activation = getService(strapi, 'sitter-activation');
    (strapi.plugin('people').service('sitters') as SittersService).fillMaskedNumbers((userId) => activation.maskedNumberOf(userId));
    // People's People page activates and deactivates sitters (OPS §4.1, §4.2); the number side of it is here.
    (strapi.plugin('people').service('sitters') as SittersService).fillActivation({
      preview: (userId, action) => (action === 'activate' ? activation.previewActivation(userId) : activation.previewDeactivation(userId)),
      activate: (userId, actor) => activation.activateSitter(userId, actor),
      deactivate: (userId, actor) => activation.deactivateSitter(userId, actor),
    });
    // The webhook drift check's schedule (issue 23).
    await getService(strapi, 'webhook-drift').start();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'webhook-drift').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { numbersActions, numbersAdminActions, NUMBER_UID, ASSIGNMENT_UID } from './constants';
export type { InventoryService } from './services/inventory';
export type { SitterActivationService, SitterWindowsPort } from './services/sitter-activation';
export type { ChangesService } from './services/changes';
export type { ThreadsService, NumberThreads } from './services/threads';
export type { SitterNoticesService, SitterNotices, SitterNotice } from './services/sitter-notices';
export type { NumberLookupService, NumberSummary } from './services/number-lookup';
export type { BookingNumbersService, PoolNumberInUse } from './services/booking-numbers';
export type { PurchasingService } from './services/purchasing';
export type { ThreadUsingNumber, Reassignment } from './domain/inventory';
export type { NumberSettingsService } from './services/settings';
export type { NumberSettings } from './domain/settings';
export type { WebhookDriftService, WebhookDriftReport, DriftedNumber } from './services/webhook-drift';
