import type { StaffThreadAssignment } from '../../../shared/contracts';

/**
 * The thread-assignments port (issue 16; API.md "Staff inbox (additions)", "Shapes (additions)"). Messaging sits below
 * assignments, so messaging declares this port and assignments fills it at bootstrap
 * (`strapi.plugin('messaging').service('thread-assignments').fill(port)`). Until it is filled no thread has an
 * assignment: the staff shape carries none, `assigned=true` and `sitterId` match nothing, `assigned=false` matches
 * every client thread.
 *
 * A thread's assignment is its sitter's window that is active at `now`, else the next one to start (`future`); a
 * window stored `overlapping` (inert: it gives nobody the thread) never counts.
 */

/** One client thread's assignment at `now`. */
export interface ThreadAssignment {
  sitter: { id: number; displayName: string };
  window: { id: string; startsAt: Date; endsAt: Date; status: 'active' | 'future' };
}

export interface ThreadAssignmentsPort {
  /** The assignment of each of these threads that has one (one question for a whole page). */
  assignmentsOf(conversationIds: number[], now: Date): Promise<Map<number, ThreadAssignment>>;
  /** The threads that have an assignment at `now`; with `sitterId`, only those whose assignment is that sitter's. */
  assignedThreadIds(filter: { sitterId?: number; now: Date }): Promise<number[]>;
}

/** The port before assignments fills it: no thread is assigned. */
export const NO_THREAD_ASSIGNMENTS: ThreadAssignmentsPort = {
  assignmentsOf: async () => new Map(),
  assignedThreadIds: async () => [],
};

/** The staff shape's `assignment` (API.md "Shapes (additions)"): times as ISO strings. */
export function assignmentView(a: ThreadAssignment): StaffThreadAssignment {
  return {
    sitter: { id: a.sitter.id, displayName: a.sitter.displayName },
    window: { id: a.window.id, startsAt: a.window.startsAt.toISOString(), endsAt: a.window.endsAt.toISOString(), status: a.window.status },
  };
}
