import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { NO_THREAD_ASSIGNMENTS, type ThreadAssignment, type ThreadAssignmentsPort } from '../domain/thread-assignments';

/**
 * The thread-assignments port (domain/thread-assignments.ts, issue 16): which sitter is assigned to a client thread,
 * for the staff inbox's `assignment` field and its `assigned` / `sitterId` filters. Assignments fills it at bootstrap
 * (`fill`); until then no thread is assigned. Asked with the system clock's now, once per list page.
 */
const threadAssignments = (_: { strapi: Core.Strapi }) => {
  let port: ThreadAssignmentsPort = NO_THREAD_ASSIGNMENTS;

  return {
    /** Called once by assignments' bootstrap. */
    fill(implementation: ThreadAssignmentsPort): void {
      port = implementation;
    },

    assignmentsOf: (conversationIds: number[], now: Date = systemClock.now()): Promise<Map<number, ThreadAssignment>> =>
      conversationIds.length === 0 ? Promise.resolve(new Map()) : port.assignmentsOf(conversationIds, now),
    assignedThreadIds: (filter: { sitterId?: number; now?: Date } = {}): Promise<number[]> => port.assignedThreadIds({ ...filter, now: filter.now ?? systemClock.now() }),
  };
};

export type ThreadAssignmentsService = ReturnType<typeof threadAssignments>;
export default threadAssignments;
