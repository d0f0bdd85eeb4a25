import type { Reassignment, ThreadUsingNumber } from '../domain/inventory';

/**
 * The port numbers asks about client threads (messaging owns them and fills it at bootstrap). Every call made
 * inside `strapi.db.transaction(...)` must join that transaction, so a quarantine moves its threads atomically.
 */
export interface NumberThreads {
  /** The client threads that use each number, oldest first; every asked number answers. */
  threadsOn(e164s: string[]): Promise<Map<string, ThreadUsingNumber[]>>;
  /** Moves each thread to its new business number. */
  moveThreads(moves: Reassignment[]): Promise<void>;
  /** Business numbers of client threads whose client's name or phone (its digits) contains this text. */
  numbersWithClient(text: string): Promise<string[]>;
}

/** Until messaging fills the port there are no client threads. */
const none: NumberThreads = {
  threadsOn: async (e164s) => new Map(e164s.map((e) => [e, []])),
  moveThreads: async () => {},
  numbersWithClient: async () => [],
};

const threads = () => {
  let port: NumberThreads = none;
  return {
    /** Called once by messaging's bootstrap. */
    fill(implementation: NumberThreads): void {
      port = implementation;
    },
    threadsOn: (e164s: string[]) => port.threadsOn(e164s),
    moveThreads: (moves: Reassignment[]) => port.moveThreads(moves),
    numbersWithClient: (text: string) => port.numbersWithClient(text),
  };
};

export type ThreadsService = ReturnType<typeof threads>;
export default threads;
