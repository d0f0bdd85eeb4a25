/**
 * The sitter-access port (issue 15; DOMAIN.md "Visibility for sitters", API.md "Sitters in the app"). Messaging sits
 * below assignments, so messaging declares this port and assignments fills it at bootstrap
 * (`strapi.plugin('messaging').service('sitter-access').fill(port)`). Until it is filled no sitter sees any client
 * thread: every answer is "nobody", "none".
 *
 * Times are instants (Date); sentences are already in the organisation's time zone (assignments formats them).
 */

/** A window as a sitter may see it (never a phone number). */
export interface SitterWindowRef {
  /** The window's id (assignments' documentId). */
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** A client thread a sitter may see now, with the label that stands for the client ("Casey · Weekly visits"). */
export interface SitterThreadAccess {
  conversationId: number;
  sitterUserId: number;
  /** First name + " · " + booking label: the thread's title and the client's sender name for this sitter. */
  clientDisplayName: string;
  clientFirstName: string;
  /** The window that is active now. */
  window: SitterWindowRef;
}

/**
 * A sitter's standing on one client thread at `now`:
 * - `active`: a window of theirs is active (and not `overlapping`): they read and send;
 * - `later`: they have a window on the thread, none active: the thread is hidden (404 on reads), a send answers 403
 *   with `message` ("You can message Casey again from Tue, Jan 20, 3:00 PM PST." or "You have no upcoming window with
 *   Casey. Ask the owner to schedule one.") and `details.nextWindow` (null when there is none);
 * - `none`: no window of theirs on the thread at all: 404.
 */
export type SitterStanding =
  | { kind: 'active'; access: SitterThreadAccess }
  | { kind: 'later'; clientFirstName: string; message: string; nextWindow: SitterWindowRef | null }
  | { kind: 'none' };

export interface SitterAccessPort {
  /** The client threads this sitter has an active window on at `now`, one entry per thread. */
  activeThreads(sitterUserId: number, now: Date): Promise<SitterThreadAccess[]>;
  /** This sitter's standing on this thread at `now`. */
  standing(sitterUserId: number, conversationId: number, now: Date): Promise<SitterStanding>;
  /** Who hears the thread's live messages at `now`: the sitters with an active window on it. */
  activeSitters(conversationId: number, now: Date): Promise<SitterThreadAccess[]>;
  /**
   * Every window of this sitter on this thread, past, active or future (never an `overlapping` one): with routing in
   * place a sitter sees what was sent during these (DOMAIN.md "Visibility for sitters").
   */
  windowPeriods(sitterUserId: number, conversationId: number): Promise<Array<{ startsAt: Date; endsAt: Date }>>;
}

/** The port before assignments fills it: no sitter sees any client thread. */
export const NO_SITTER_ACCESS: SitterAccessPort = {
  activeThreads: async () => [],
  standing: async () => ({ kind: 'none' }),
  activeSitters: async () => [],
  windowPeriods: async () => [],
};
