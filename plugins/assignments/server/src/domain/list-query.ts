import { z } from 'zod';
import { defaults } from '@switchboard/config';
import type { BookingKind, BookingStatus } from '../../../shared/contracts';
import { BOOKING_KINDS, BOOKING_SENTENCES, BOOKING_STATUSES } from './booking-input';

const pageSizeSentence = `Page size must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;

/** GET /assignments/bookings (API.md "Lists"): paging and the filters the Assignments page uses. */
export const bookingListQuerySchema = z.object({
  page: z.coerce.number({ error: 'Page must be a whole number from 1.' }).int({ error: 'Page must be a whole number from 1.' }).min(1, { error: 'Page must be a whole number from 1.' }).default(1),
  pageSize: z.coerce
    .number({ error: pageSizeSentence })
    .int({ error: pageSizeSentence })
    .min(1, { error: pageSizeSentence })
    .max(defaults.consolePageSizeMax, { error: pageSizeSentence })
    .default(defaults.consolePageSizeDefault),
  clientId: z.string().trim().min(1).max(64).optional(),
  sitterId: z.coerce.number({ error: BOOKING_SENTENCES.sitterId }).int({ error: BOOKING_SENTENCES.sitterId }).positive({ error: BOOKING_SENTENCES.sitterId }).optional(),
  status: z.enum(BOOKING_STATUSES as [BookingStatus, ...BookingStatus[]], { error: BOOKING_SENTENCES.status }).optional(),
  kind: z.enum(BOOKING_KINDS as [BookingKind, ...BookingKind[]], { error: BOOKING_SENTENCES.kind }).optional(),
});
