import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { NO_SITTER_ACCESS, type SitterAccessPort, type SitterStanding, type SitterThreadAccess } from '../domain/sitter-access';
import { userKey } from '../domain/viewer';
import type { SitterOverride } from '../domain/routing-port';

/** An override "until removed" has no end: its access window reads as ending at the end of time. */
const UNTIL_REMOVED = new Date('9999-12-31T00:00:00.000Z');
import { getService } from '../get-service';

/** Which sitter's window on which client thread started or ended. */
export interface SitterWindowChange {
  sitterUserId: number;
  conversationId: number;
}

/**
 * The sitter-access port (domain/sitter-access.ts, issue 15): messaging asks it whether a sitter sees a client thread,
 * and assignments fills it at bootstrap (`fill`). Until then no sitter sees any client thread. Every question is asked
 * with `now` from the system clock, on every request and socket event.
 *
 * Assignments also tells messaging when a window starts or ends, so the sitter's open app follows: `windowStarted`
 * sends them the thread (`conversation:updated`, their view), `windowEnded` takes it away (`conversation:removed`, and
 * their sockets leave the thread's room) unless another window of theirs is still active there. Both reach every node.
 */
const sitterAccess = ({ strapi }: { strapi: Core.Strapi }) => {
  let port: SitterAccessPort = NO_SITTER_ACCESS;
  const conversations = () => getService(strapi, 'conversations');
  const realtime = () => getService(strapi, 'realtime');
  const routing = () => getService(strapi, 'routing');

  /** The access a sitter override gives (no booking behind it: the client reads as first name · "Covering"). */
  async function overrideAccess(overrides: SitterOverride[]): Promise<SitterThreadAccess[]> {
    const result: SitterThreadAccess[] = [];
    for (const o of overrides) {
      const record = await conversations().findRecord(o.conversationId);
      if (!record || record.kind !== 'client') continue;
      const firstName = (record.clientName ?? '').trim().split(/\s+/)[0] || 'Client';
      result.push({
        conversationId: o.conversationId,
        sitterUserId: o.sitterUserId,
        clientDisplayName: `${firstName} · Covering`,
        clientFirstName: firstName,
        window: { id: o.overrideId, startsAt: o.startsAt, endsAt: o.endsAt ?? UNTIL_REMOVED },
      });
    }
    return result;
  }

  const api = {
    /** Called once by assignments' bootstrap. */
    fill(implementation: SitterAccessPort): void {
      port = implementation;
    },

    async activeThreads(sitterUserId: number, now: Date = systemClock.now()): Promise<SitterThreadAccess[]> {
      const [windows, overrides] = await Promise.all([port.activeThreads(sitterUserId, now), routing().sitterOverrides({ sitterUserId }, now)]);
      return [...windows, ...(await overrideAccess(overrides.filter((o) => !windows.some((w) => w.conversationId === o.conversationId))))];
    },
    async standing(sitterUserId: number, conversationId: number, now: Date = systemClock.now()): Promise<SitterStanding> {
      const standing = await port.standing(sitterUserId, conversationId, now);
      if (standing.kind === 'active') return standing;
      // A sitter override lets its sitter read and message the thread while it lasts, whatever the windows say.
      const [override] = await routing().sitterOverrides({ sitterUserId, conversationId }, now);
      if (override) return { kind: 'active', access: (await overrideAccess([override]))[0] };
      return standing;
    },
    async activeSitters(conversationId: number, now: Date = systemClock.now()): Promise<SitterThreadAccess[]> {
      const [windows, overrides] = await Promise.all([port.activeSitters(conversationId, now), routing().sitterOverrides({ conversationId }, now)]);
      return [...windows, ...(await overrideAccess(overrides.filter((o) => !windows.some((w) => w.sitterUserId === o.sitterUserId))))];
    },
    windowPeriods: (sitterUserId: number, conversationId: number) => port.windowPeriods(sitterUserId, conversationId),

    /**
     * A window started: the sitter's app lists the thread now (conversation:updated with their view, every node), and
     * staff lists read the thread's new `assignment` (issue 16) in the same update.
     */
    async windowStarted(change: SitterWindowChange): Promise<void> {
      const record = await conversations().findRecord(change.conversationId);
      if (!record || record.kind !== 'client') return;
      // The fan-out shapes it for each sitter the port says is active now (this one included) and for staff.
      await realtime().conversationChanged(record);
    },

    /**
     * A window ended: unless another window of theirs is active there, the thread leaves the sitter's app (every node);
     * staff lists read its next `assignment`.
     */
    async windowEnded(change: SitterWindowChange): Promise<void> {
      const record = await conversations().findRecord(change.conversationId);
      if (!record || record.kind !== 'client') return;
      const standing = await api.standing(change.sitterUserId, record.id, systemClock.now());
      if (standing.kind !== 'active') realtime().conversationRemoved(userKey(change.sitterUserId), record.id);
      // Sitters still active there (this one, if another window of theirs is) and staff, whose `assignment` moved on.
      await realtime().conversationChanged(record);
    },
  };
  return api;
};

export type SitterAccessService = ReturnType<typeof sitterAccess>;
export default sitterAccess;
