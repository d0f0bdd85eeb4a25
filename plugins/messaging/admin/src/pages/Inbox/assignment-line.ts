// A client thread's assignment as the staff inbox words it (issue 16 item 5), and where "Assign Sitter" leads. Pure
// functions, no React, so unit tests read them directly.
import type { Conversation, StaffThreadAssignment as StaffAssignment } from '../../../../shared/contracts';

/** The staff assignment of a client thread, if the server sent one (the sitter view's `assignment` has no sitter). */
export function staffAssignment(conversation: Conversation): StaffAssignment | null {
  const a = conversation.assignment;
  if (conversation.kind !== 'client' || !a || !('sitter' in a) || !a.sitter || !a.window) return null;
  return a;
}

/** The calendar day of an instant in a zone, to tell "today" from another day. */
function dayIn(at: Date, timeZone: string | undefined): string {
  return at.toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * An instant for the thread header: "6:00 PM" when it falls on `now`'s day, else "Tue, Jan 20, 3:00 PM"; read in the
 * organisation's zone when known, else in the browser's with its abbreviation ("6:00 PM PST").
 */
export function windowTimeLabel(iso: string, now: Date, timeZone?: string | null): string {
  const at = new Date(iso);
  const zone = timeZone || undefined;
  const sameDay = dayIn(at, zone) === dayIn(now, zone);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  if (zone) options.timeZone = zone;
  else options.timeZoneName = 'short';
  return at.toLocaleString('en-US', options).replace(/\u202f/g, ' ');
}

/**
 * A client thread's assignment line (issue 16 item 5): "Sam Sitter · window active until 6:00 PM",
 * "Sky Sitter · next window Tue, Jan 20, 3:00 PM", or "No sitter assigned".
 */
export function assignmentLine(assignment: StaffAssignment | null, now: Date, timeZone?: string | null): string {
  if (!assignment) return 'No sitter assigned';
  const { sitter, window } = assignment;
  const active = window.status === 'active' || (new Date(window.startsAt) <= now && now < new Date(window.endsAt));
  return active
    ? `${sitter.displayName} · window active until ${windowTimeLabel(window.endsAt, now, timeZone)}`
    : `${sitter.displayName} · next window ${windowTimeLabel(window.startsAt, now, timeZone)}`;
}

/** The Assignments page with its assignment panel open for this client thread (OPS §3.4 action 3), inside the admin router. */
export function assignSitterPath(conversationId: string): string {
  return `/plugins/assignments?assign=${encodeURIComponent(conversationId)}`;
}
