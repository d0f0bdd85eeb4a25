import { factories } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';

/** Strapi's core service for the booking content type: the core controller (REST) calls it. */
export default factories.createCoreService(BOOKING_UID as any);
