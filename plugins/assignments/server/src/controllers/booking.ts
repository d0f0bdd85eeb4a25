import { factories } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';

/**
 * Integrators' /api/assignments/bookings: Strapi's core controller ({ data } bodies, filters, sort, pagination, API
 * tokens with per-action permissions). The rules run below it, in the document service (services/booking-lifecycle.ts).
 */
export default factories.createCoreController(BOOKING_UID as any);
