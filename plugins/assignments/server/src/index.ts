import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { assignmentsActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import { getService } from './get-service';
import { configureBookingEditView } from './bootstrap/booking-edit-view';
import { setAsideBookingStatus } from './bootstrap/content-manager-status';

export default definePlugin({
  register({ strapi }: { strapi: Core.Strapi }) {
    // The booking lifecycle holds whoever writes (REST, Content Manager, seeds): it wraps the document service.
    strapi.documents.use((context, next) => getService(strapi, 'booking-lifecycle').handle(context as any, next) as any);
    setAsideBookingStatus(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, assignmentsActions);
    await configureBookingEditView(strapi);
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { assignmentsActions, assignmentsAdminActions, BOOKING_UID, AUDIT_ACTIONS as ASSIGNMENTS_AUDIT_ACTIONS } from './constants';
export { BOOKING_SENTENCES } from './domain/booking-input';
export type { BookingsService, BookingView } from './services/bookings';
export type { BookingLifecycleService, ThreadPlacement } from './services/booking-lifecycle';
