import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { assignmentsActions, PLUGIN } from './constants';
import { definePlugin, registerAdminActions } from '@switchboard/kit';
import { getService } from './get-service';
import type { SitterAccessPort, ThreadAssignmentsPort } from '@switchboard/messaging';
import type { SitterActivationService } from '@switchboard/numbers';
import { configureBookingEditView, configureWindowEditView } from './bootstrap/booking-edit-view';
import { setAsideBookingStatus } from './bootstrap/content-manager-status';

export default definePlugin({
  register({ strapi }: { strapi: Core.Strapi }) {
    // The booking lifecycle holds whoever writes (REST, Content Manager, seeds): it wraps the document service.
    strapi.documents.use((context, next) => getService(strapi, 'booking-lifecycle').handle(context as any, next) as any);
    // So do windows written through the Content Manager or REST (stored inert when they overlap).
    strapi.documents.use((context, next) => getService(strapi, 'window-documents').handle(context as any, next) as any);
    setAsideBookingStatus(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerAdminActions(strapi, PLUGIN, assignmentsActions);
    await configureBookingEditView(strapi);
    await configureWindowEditView(strapi);
    // Messaging asks assignments whether a sitter sees a client thread (its sitter-access port).
    const sitterAccess = strapi.plugin('messaging').service('sitter-access') as { fill?: (port: SitterAccessPort) => void } | undefined;
    if (sitterAccess?.fill) sitterAccess.fill(getService(strapi, 'sitter-port').port);
    // The staff inbox asks which sitter is assigned to a client thread (its thread-assignments port).
    const threadAssignments = strapi.plugin('messaging').service('thread-assignments') as { fill?: (port: ThreadAssignmentsPort) => void } | undefined;
    if (threadAssignments?.fill) threadAssignments.fill(getService(strapi, 'thread-port').port);
    // Deactivating a sitter closes their windows (OPS §4.2), inside numbers' transaction.
    const windows = getService(strapi, 'windows');
    (strapi.plugin('numbers').service('sitter-activation') as SitterActivationService).fillSitterWindows({
      preview: (userId, now) => windows.sitterWindowsOpen(userId, now),
      close: (userId, now) => windows.closeSitterWindows(userId, now),
    });
    await getService(strapi, 'transitions').start();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'transitions').stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
});

export { SITTER_WINDOWS_ACTION } from './routes/content-api';
export { assignmentsActions, assignmentsAdminActions, BOOKING_UID, WINDOW_UID, EVENTS as ASSIGNMENTS_EVENTS, AUDIT_ACTIONS as ASSIGNMENTS_AUDIT_ACTIONS } from './constants';
export { BOOKING_SENTENCES } from './domain/booking-input';
export type { BookingsService, BookingView } from './services/bookings';
export type { BookingLifecycleService, ThreadPlacement } from './services/booking-lifecycle';
export type { WindowsService } from './services/windows';
export type { TransitionsService } from './services/transitions';
export type { AssignmentsSettingsService } from './services/settings';
export type { AssignmentsSettings } from './domain/settings';
