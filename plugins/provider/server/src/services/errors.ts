import { describeProviderError, type ProviderProblem } from '../domain/provider-errors';

/**
 * @deprecated Nothing in provider throws this any more: provider calls throw kit's refusals (services/provider-refusal.ts),
 * which Strapi's error middleware answers with the same status and sentence. Kept only until the numbers plugin stops
 * importing it; then it goes.
 */
export class ProviderFailure extends Error {
  constructor(public readonly problem: ProviderProblem) {
    super(problem.message);
    this.name = 'ProviderFailure';
  }

  static from(error: unknown): ProviderFailure {
    if (error instanceof ProviderFailure) return error;
    const e = error as { code?: number; status?: number; message?: string };
    return new ProviderFailure(describeProviderError({ code: typeof e?.code === 'number' ? e.code : null, status: typeof e?.status === 'number' ? e.status : null, message: e?.message ?? null }));
  }
}
