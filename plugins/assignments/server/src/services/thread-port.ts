import type { Core } from '@strapi/strapi';
import type { ThreadAssignment, ThreadAssignmentsPort } from '@switchboard/messaging';
import type { SittersService } from '@switchboard/people';
import { getService } from '../get-service';

/**
 * What assignments tells messaging about a client thread's sitter (messaging's thread-assignments port, filled at
 * bootstrap): the staff inbox's `assignment` field and its `assigned` / `sitterId` filters. A thread's assignment is its
 * window active now, else its next one (README "The staff inbox's assignment"); an inert (`overlapping`) window never
 * counts. Each question is one query on the window table.
 */
const threadPort = ({ strapi }: { strapi: Core.Strapi }) => {
  const windows = () => getService(strapi, 'windows');

  const port: ThreadAssignmentsPort = {
    async assignmentsOf(conversationIds, now) {
      const found = await windows().assignmentsAt({ conversationIds: conversationIds.map(String) }, now);
      const result = new Map<number, ThreadAssignment>();
      if (found.length === 0) return result;
      const sitters = await (strapi.plugin('people').service('sitters') as SittersService).byUserId();
      for (const w of found) {
        result.set(Number(w.conversationId), {
          sitter: { id: w.sitterId, displayName: sitters.get(w.sitterId)?.displayName ?? `Sitter ${w.sitterId}` },
          window: { id: w.documentId, startsAt: w.startsAt, endsAt: w.endsAt, status: w.startsAt <= now ? 'active' : 'future' },
        });
      }
      return result;
    },

    async assignedThreadIds({ sitterId, now }) {
      return (await windows().assignmentsAt({ sitterId }, now)).map((w) => Number(w.conversationId)).filter((id) => Number.isSafeInteger(id));
    },
  };

  return { port };
};

export type ThreadPortService = ReturnType<typeof threadPort>;
export default threadPort;
