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

/** What a window is for (API.md "Assignment windows"). */
export type WindowType = 'weekly_client' | 'one_time_booking' | 'meet_and_greet';

/** `past` once ended; before that `overlapping` if another window on the thread overlaps it, else `active` or `future`. */
export type AssignmentWindowStatus = 'active' | 'future' | 'past' | 'overlapping';

/** API.md "Shapes (additions)": a window as staff read it (`id` is the documentId). */
export interface AssignmentWindow {
  id: string;
  conversationId: string;
  client: { id: string; name: string };
  sitter: { id: number; displayName: string };
  bookingId?: string;
  type: WindowType;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: AssignmentWindowStatus;
}

/** GET /api/assignments/windows (sitter JWT): one of the sitter's own windows, never a phone number. */
export interface SitterWindow {
  id: string;
  conversationId: string;
  client: { displayName: string };
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: AssignmentWindowStatus;
}

/** GET /assignments/conflicts */
export interface WindowConflict {
  conversationId: string;
  windows: [AssignmentWindow, AssignmentWindow];
  overlap: { startsAt: string; endsAt: string };
}

/** How a conflict is resolved (POST /assignments/conflicts/resolve): the windows overlapping the kept one are removed, trimmed or split. */
export type ResolveConflictAction = 'keep' | 'trim' | 'split';

/** POST /assignments/conflicts/resolve body (strict). */
export interface ResolveConflictBody {
  conversationId: string;
  /** The window that stays (`AssignmentWindow.id`, as GET /assignments/conflicts lists it). */
  keepWindowId: string;
  action: ResolveConflictAction;
}

/** POST /assignments/conflicts/resolve `data`: the kept window first, then the changed and new ones. */
export interface ConflictResolution {
  conversationId: string;
  windows: AssignmentWindow[];
  /** "Conflict resolved: Sam Sitter's window with Casey Morgan is live from … to …." */
  confirmation: string;
}

/** Every write under /assignments with ?preview=true. */
export interface PreviewAnswer {
  preview: true;
  impact: string[];
}
