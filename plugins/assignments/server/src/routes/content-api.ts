import { factories } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';

/**
 * Strapi's core routes for bookings, served at /api/assignments/bookings (a plugin's content-API routes take its name
 * as prefix). Each is an API-token action: plugin::assignments.booking.find, findOne, create, update, delete.
 */
export default factories.createCoreRouter(BOOKING_UID as any);
