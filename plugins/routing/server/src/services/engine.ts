import type { Core } from '@strapi/strapi';
import type { NumberLookupService } from '@switchboard/numbers';
import type { ClientsService, OrganisationService } from '@switchboard/people';
import type { BookingsService, WindowsService } from '@switchboard/assignments';
import type { ConversationsService } from '@switchboard/messaging';
import { NotFoundError, ValidationError, readAll } from '@switchboard/kit';
import { evaluate, type RoutingEvaluation, type RoutingQuestion, type RoutingSnapshot } from '../domain/evaluate';
import { SENTENCES } from '../constants';
import { getService } from '../get-service';

/** The thread a routing question is about: what the snapshot needs of it. */
export interface ThreadFacts {
  conversationId: number | null;
  clientId: string | null;
  clientPhone: string;
  businessNumber: string;
  /** The SMS being routed opened this thread: nobody is mapped to it yet. */
  threadCreated: boolean;
}

/**
 * Builds the routing snapshot from the plugins below (numbers, people, assignments) and evaluates it. Every read goes
 * through strapi.db.query, so inside messaging's receive transaction it joins it (a thread just created is visible),
 * one read at a time there (kit's readAll).
 */
const engine = ({ strapi }: { strapi: Core.Strapi }) => {
  const numbers = () => strapi.plugin('numbers').service('number-lookup') as NumberLookupService;
  const people = <T>(name: string) => strapi.plugin('people').service(name) as T;
  const assignments = <T>(name: string) => strapi.plugin('assignments').service(name) as T;

  async function clientName(facts: ThreadFacts): Promise<string> {
    if (facts.clientId) {
      try {
        return (await people<ClientsService>('clients').get(facts.clientId)).name;
      } catch {
        // A client removed since: the phone still names them.
      }
    }
    const byPhone = await people<ClientsService>('clients').byPhone(facts.clientPhone);
    return byPhone?.name ?? facts.clientPhone;
  }

  const api = {
    async snapshot(facts: ThreadFacts, at: Date): Promise<RoutingSnapshot> {
      // Inside messaging's receive transaction the reads share its one connection: one at a time there.
      const oneAtATime = strapi.db.inTransaction();
      const [numberFound, organisation, name] = await readAll(oneAtATime, [
        () => numbers().byE164([facts.businessNumber]),
        () => people<OrganisationService>('organisation').get(),
        () => clientName(facts),
      ]);
      const number = numberFound.get(facts.businessNumber) ?? null;
      const conversationId = facts.conversationId;
      const [windows, poolThreadActive, override] = conversationId
        ? await readAll(oneAtATime, [
            () => assignments<WindowsService>('windows').routingWindows(String(conversationId)),
            () => (number?.numberClass === 'pool' && !facts.threadCreated ? assignments<BookingsService>('bookings').threadActive(String(conversationId), at) : Promise.resolve(false)),
            () => getService(strapi, 'overrides').activeOn(conversationId, at),
          ])
        : [[], false, null];
      return {
        timeZone: organisation.timeZone,
        thread: conversationId ? { conversationId, clientName: name } : null,
        number: number ? { e164: number.e164, numberClass: number.numberClass, status: number.status } : null,
        poolThreadActive,
        override,
        windows,
      };
    },

    async evaluate(facts: ThreadFacts, at: Date, question: RoutingQuestion): Promise<{ snapshot: RoutingSnapshot; result: RoutingEvaluation }> {
      const snapshot = await api.snapshot(facts, at);
      return { snapshot, result: evaluate(snapshot, at, question) };
    },

    /** A client thread's facts by id, or 404 "Thread not found. Create thread first?" (read-only callers). */
    async threadFacts(conversationId: number): Promise<ThreadFacts> {
      const record = await (strapi.plugin('messaging').service('conversations') as ConversationsService).findRecord(conversationId);
      if (!record) throw new NotFoundError(SENTENCES.threadNotFound);
      if (record.kind !== 'client' || !record.clientPhone || !record.businessNumber) throw new ValidationError(SENTENCES.notClientThread);
      return { conversationId: record.id, clientId: record.clientId ?? null, clientPhone: record.clientPhone, businessNumber: record.businessNumber, threadCreated: false };
    },
  };
  return api;
};

export type EngineService = ReturnType<typeof engine>;
export default engine;
