/**
 * API.md "Clients and bookings" and "Assignment windows", as the server answers them and the admin pages and web app
 * read them: the one place these shapes are written (types only; nothing here runs).
 */

export type BookingKind = 'one_time' | 'weekly' | 'meet_and_greet';
export type BookingStatus = 'confirmed' | 'completed' | 'cancelled';
export type DayOfWeek = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export interface Recurrence {
  daysOfWeek: DayOfWeek[];
  /** "HH:mm", local in the booking's time zone. */
  startTime: string;
  /** "HH:mm"; "24:00" is midnight at the end of the day. */
  endTime: string;
  /** ISO date (YYYY-MM-DD), local, inclusive. */
  until: string;
}
