import type { Core } from '@strapi/strapi';
import type { SitterAccessPort, SitterThreadAccess } from '@switchboard/messaging';
import { standingSentence } from '../domain/window-plan';
import { getService } from '../get-service';
import type { WindowRow } from './windows';

/**
 * What assignments tells messaging about a sitter's windows (messaging's sitter-access port, filled at bootstrap):
 * a window gives access while it is active and not `overlapping` (inert). Sentences in the organisation's zone.
 */
const sitterPort = ({ strapi }: { strapi: Core.Strapi }) => {
  const windows = () => getService(strapi, 'windows');

  async function accessOf(found: WindowRow[]): Promise<SitterThreadAccess[]> {
    const labels = await windows().labelsFor(found);
    const seen = new Set<string>();
    const result: SitterThreadAccess[] = [];
    for (const w of found) {
      const key = `${w.sitterId}:${w.conversationId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const label = labels.get(w.documentId)!;
      result.push({
        conversationId: Number(w.conversationId),
        sitterUserId: Number(w.sitterId),
        clientDisplayName: label.displayName,
        clientFirstName: label.firstName,
        window: { id: w.documentId, startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) },
      });
    }
    return result;
  }

  const port: SitterAccessPort = {
    async activeThreads(sitterUserId, now) {
      return accessOf(await windows().activeAt({ sitterId: sitterUserId }, now));
    },

    async standing(sitterUserId, conversationId, now) {
      const mine = await windows().ofSitterOnThread(sitterUserId, String(conversationId));
      if (mine.length === 0) return { kind: 'none' };
      const live = mine.filter((w) => !w.overlapping);
      const active = live.find((w) => new Date(w.startsAt) <= now && now < new Date(w.endsAt));
      if (active) return { kind: 'active', access: (await accessOf([active]))[0] };
      const next = live.find((w) => new Date(w.startsAt) > now) ?? null;
      const label = (await windows().labelsFor([next ?? mine[mine.length - 1]])).values().next().value!;
      const zone = await windows().organisationZone();
      return {
        kind: 'later',
        clientFirstName: label.firstName,
        message: standingSentence(label.firstName, next ? new Date(next.startsAt) : null, zone),
        nextWindow: next ? { id: next.documentId, startsAt: new Date(next.startsAt), endsAt: new Date(next.endsAt) } : null,
      };
    },

    async activeSitters(conversationId, now) {
      return accessOf(await windows().activeAt({ conversationId: String(conversationId) }, now));
    },

    async windowPeriods(sitterUserId, conversationId) {
      const mine = await windows().ofSitterOnThread(sitterUserId, String(conversationId));
      return mine.filter((w) => !w.overlapping).map((w) => ({ startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) }));
    },
  };

  return { port };
};

export type SitterPortService = ReturnType<typeof sitterPort>;
export default sitterPort;
