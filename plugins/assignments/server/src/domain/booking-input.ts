import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import type { BookingKind, BookingStatus, DayOfWeek, Recurrence } from '../../../shared/contracts';

/** API.md "Clients and bookings": the sentences a person reads about a booking they wrote. */
export const BOOKING_SENTENCES = {
  endBeforeStart: 'End time must be after start time.',
  kind: 'Kind must be one_time, weekly or meet_and_greet.',
  status: 'Status must be confirmed, completed or cancelled.',
  client: "Client is required: send the client's documentId (GET /api/people/clients lists them).",
  startsAt: 'Start time (startsAt) must be a date and time, like 2027-01-20T15:00:00Z.',
  endsAt: 'End time (endsAt) must be a date and time, like 2027-01-20T17:00:00Z.',
  timeZone: 'Time zone must be an IANA time zone, like America/Los_Angeles.',
  sitterId: "Sitter (sitterId) must be a sitter's user id, or empty for no sitter.",
  recurrenceRequired: 'A weekly booking needs a recurrence: daysOfWeek, startTime, endTime and until.',
  recurrenceOnlyWeekly: 'Only a weekly booking has a recurrence: remove it, or make the booking weekly.',
  recurrenceShape: 'Recurrence must be an object with daysOfWeek, startTime, endTime and until.',
  daysOfWeek: 'Recurrence days (daysOfWeek) must list MO, TU, WE, TH, FR, SA or SU, each at most once, at least one.',
  startTime: 'Recurrence start time (startTime) must be HH:mm, from 00:00 to 23:59.',
  startTime24: 'Recurrence start time cannot be 24:00: 24:00 is midnight at the end of a day, so it is only an end time.',
  endTime: 'Recurrence end time (endTime) must be HH:mm, from 00:01 to 24:00 (24:00 is midnight).',
  recurrenceOrder: 'Recurrence end time must be after its start time.',
  until: 'Recurrence until must be a date, like 2027-03-31.',
  untilBeforeStart: "Recurrence until must be on or after the booking's first day.",
  sitterNotFound: 'Sitter not found. Pick a sitter from the list of sitters (GET /people/sitters).',
  sitterInactive: 'Sitter is inactive. Activate sitter first?',
  noMaskedNumber: (sitterName: string) => `${sitterName} has no masked number. Assign a sitter number first?`,
  noPoolNumber: 'No pool numbers available. Purchase number first?',
  noFrontDesk: 'There is no active Front Desk number. Add or release one in the Number Inventory first.',
} as const;

export const BOOKING_KINDS: readonly BookingKind[] = ['one_time', 'weekly', 'meet_and_greet'];
export const BOOKING_STATUSES: readonly BookingStatus[] = ['confirmed', 'completed', 'cancelled'];
export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The fields a caller writes; conversationId, numberE164 and numberClass are the server's. */
export const BOOKING_FIELDS = ['kind', 'client', 'sitterId', 'startsAt', 'endsAt', 'timeZone', 'recurrence', 'status'] as const;

/** A booking as the rules read it, after validation. */
export interface BookingFields {
  kind: BookingKind;
  client: string;
  sitterId: number | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  recurrence: Recurrence | null;
  status: BookingStatus;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (time: string) => (time === '24:00' ? 24 * 60 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));

const instant = (message: string) =>
  z.union([z.string(), z.date()], { error: message }).transform((value, context) => {
    const date = value instanceof Date ? value : new Date(value);
    if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    if (Number.isNaN(date.getTime())) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return date;
  });

const recurrenceSchema = z.object(
  {
    daysOfWeek: z
      .array(z.enum(DAYS_OF_WEEK as [DayOfWeek, ...DayOfWeek[]], { error: BOOKING_SENTENCES.daysOfWeek }), { error: BOOKING_SENTENCES.daysOfWeek })
      .min(1, { error: BOOKING_SENTENCES.daysOfWeek })
      .refine((days) => new Set(days).size === days.length, { error: BOOKING_SENTENCES.daysOfWeek }),
    startTime: z
      .string({ error: BOOKING_SENTENCES.startTime })
      .refine((t) => t !== '24:00', { error: BOOKING_SENTENCES.startTime24, abort: true })
      .refine((t) => HH_MM.test(t), { error: BOOKING_SENTENCES.startTime }),
    endTime: z.string({ error: BOOKING_SENTENCES.endTime }).refine((t) => t === '24:00' || (HH_MM.test(t) && t !== '00:00'), { error: BOOKING_SENTENCES.endTime }),
    until: z
      .string({ error: BOOKING_SENTENCES.until })
      .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d, { zone: 'utc' }).isValid, { error: BOOKING_SENTENCES.until }),
  },
  { error: BOOKING_SENTENCES.recurrenceShape },
);

/**
 * A booking's fields, whoever writes them (REST, Content Manager, a seed): every mistake is a sentence naming the
 * field. `defaultTimeZone` is the organisation's (DOMAIN.md "Time zone").
 */
export function bookingSchema(defaultTimeZone: string) {
  return z
    .object({
      kind: z.enum(BOOKING_KINDS as [BookingKind, ...BookingKind[]], { error: BOOKING_SENTENCES.kind }),
      client: z.string({ error: BOOKING_SENTENCES.client }).trim().min(1, { error: BOOKING_SENTENCES.client }),
      sitterId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number), z.null()], { error: BOOKING_SENTENCES.sitterId }).optional(),
      startsAt: instant(BOOKING_SENTENCES.startsAt),
      endsAt: instant(BOOKING_SENTENCES.endsAt),
      timeZone: z
        .union([z.string().refine((zone) => zone.trim() === '' || IANAZone.isValidZone(zone.trim()), { error: BOOKING_SENTENCES.timeZone }), z.null()], { error: BOOKING_SENTENCES.timeZone })
        .optional(),
      recurrence: recurrenceSchema.nullable().optional(),
      status: z.union([z.enum(BOOKING_STATUSES as [BookingStatus, ...BookingStatus[]]), z.null()], { error: BOOKING_SENTENCES.status }).optional(),
    })
    .transform(
      (b): BookingFields => ({
        ...b,
        sitterId: b.sitterId ?? null,
        timeZone: b.timeZone?.trim() || defaultTimeZone,
        recurrence: (b.recurrence as Recurrence | null | undefined) ?? null,
        status: b.status ?? 'confirmed',
      }),
    )
    .superRefine((b, context) => {
      if (b.endsAt.getTime() <= b.startsAt.getTime()) context.addIssue({ code: 'custom', path: ['endsAt'], message: BOOKING_SENTENCES.endBeforeStart });
      if (b.kind === 'weekly' && !b.recurrence) context.addIssue({ code: 'custom', path: ['recurrence'], message: BOOKING_SENTENCES.recurrenceRequired });
      if (b.kind !== 'weekly' && b.recurrence) context.addIssue({ code: 'custom', path: ['recurrence'], message: BOOKING_SENTENCES.recurrenceOnlyWeekly });
      if (b.recurrence) {
        if (minutesOf(b.recurrence.endTime) <= minutesOf(b.recurrence.startTime)) {
          context.addIssue({ code: 'custom', path: ['recurrence', 'endTime'], message: BOOKING_SENTENCES.recurrenceOrder });
        }
        const firstDay = DateTime.fromJSDate(b.startsAt, { zone: b.timeZone }).toISODate();
        if (firstDay && b.recurrence.until < firstDay) context.addIssue({ code: 'custom', path: ['recurrence', 'until'], message: BOOKING_SENTENCES.untilBeforeStart });
      }
    });
}

/** Only the fields a caller writes, from a request body or a stored booking merged with a change. */
export function bookingFieldsOf(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(BOOKING_FIELDS.filter((k) => k in data).map((k) => [k, data[k]]));
}
