import { AsyncLocalStorage } from 'node:async_hooks';

/** What a booking write did, told back to the operator route that asked for it (its preview and answer). */
export interface OperatorOutcome {
  /** Local times that moved (spring forward) or happened twice (fall back), in words. */
  notes: string[];
  /** The reassignment message sent, or null. */
  reassignment: string | null;
}

/**
 * Operator semantics for a booking write (DOMAIN.md "Overlaps"): the Assignments page and `/assignments/*` refuse a
 * window that overlaps another on its thread (409), while an integrator's REST or Content Manager write is stored with
 * its windows marked `overlapping`. The operator routes run their booking write inside `asOperator`, and the booking
 * middleware asks `operatorOutcome()` (null for everyone else) and writes what it did there; nothing travels in the
 * booking's data.
 */
const operator = new AsyncLocalStorage<OperatorOutcome>();

export const asOperator = <T>(outcome: OperatorOutcome, work: () => Promise<T>): Promise<T> => operator.run(outcome, work);
export const operatorOutcome = (): OperatorOutcome | null => operator.getStore() ?? null;
export const isOperatorWrite = (): boolean => operatorOutcome() !== null;
