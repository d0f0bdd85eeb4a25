import { describeProviderError, type ProviderProblem } from '../domain/provider-errors';

/** A provider call that failed, already translated into a sentence an owner can act on. */
export class ProviderFailure extends Error {
  constructor(public readonly problem: ProviderProblem) {
    super(problem.message);
    this.name = 'ProviderFailure';
  }

  /** Wraps whatever the SDK or network threw; the raw detail goes to the log, never to a person. */
  static from(error: unknown): ProviderFailure {
    if (error instanceof ProviderFailure) return error;
    const e = error as { code?: number; status?: number; message?: string };
    return new ProviderFailure(describeProviderError({ code: typeof e?.code === 'number' ? e.code : null, status: typeof e?.status === 'number' ? e.status : null, message: e?.message ?? null }));
  }
}
