import { factories } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';

/**
 * Strapi's core routes for bookings, served at /api/assignments/bookings (a plugin's content-API routes take its name
 * as prefix). Each is an API-token action: plugin::assignments.booking.find, findOne, create, update, delete.
 * Plus a sitter's own windows, GET /api/assignments/windows (action plugin::assignments.sitter-windows.find, held by
 * the sitter role only; the controller also checks the role).
 */
const core = factories.createCoreRouter(BOOKING_UID as any);

/** The users-permissions action of GET /api/assignments/windows, granted to the sitter role (cms roles bootstrap). */
export const SITTER_WINDOWS_ACTION = 'plugin::assignments.sitter-windows.find';

let routes: object[] | null = null;

export default {
  type: 'content-api' as const,
  // Built once: Strapi annotates each route object in place (its plugin, its scope) before mounting it.
  get routes() {
    routes ??= [{ method: 'GET', path: '/windows', handler: 'sitter-windows.find', config: {} }, ...(core.routes as unknown as object[])];
    return routes;
  },
};
