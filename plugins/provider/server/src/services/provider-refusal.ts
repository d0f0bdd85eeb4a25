import { ApplicationError, ProviderUnavailableError, ValidationError } from '@switchboard/kit';
import { describeProviderError, problemSentence, refusalStatus, type ProviderProblem } from '../domain/provider-errors';

/**
 * A provider call that failed, as kit's refusal a person reads (the problem's sentence and next step): 502
 * ProviderUnavailableError when a retry may help, 400 ValidationError when the request must change. The problem
 * itself rides along for the delivery worker (retries, breaker, dead letters); Strapi never sends it to a browser.
 */
export type ProviderRefusal = (InstanceType<typeof ProviderUnavailableError> | InstanceType<typeof ValidationError>) & { readonly problem: ProviderProblem };

export function providerRefusal(problem: ProviderProblem): ProviderRefusal {
  const sentence = problemSentence(problem);
  const error = refusalStatus(problem) === 502 ? new ProviderUnavailableError(sentence) : new ValidationError(sentence);
  Object.defineProperty(error, 'problem', { value: problem, enumerable: false });
  return error as ProviderRefusal;
}

export function isProviderRefusal(error: unknown): error is ProviderRefusal {
  return error instanceof ApplicationError && typeof (error as { problem?: unknown }).problem === 'object' && (error as { problem?: unknown }).problem !== null;
}

/** The problem behind whatever the SDK or the network threw; the raw detail is for the log, never for a person. */
export function problemOf(error: unknown): ProviderProblem {
  if (isProviderRefusal(error)) return error.problem;
  const e = error as { code?: number; status?: number; message?: string } | null | undefined;
  return describeProviderError({ code: typeof e?.code === 'number' ? e.code : null, status: typeof e?.status === 'number' ? e.status : null, message: e?.message ?? null });
}

/** Whatever a provider call threw, as the refusal its caller answers with. */
export const asProviderRefusal = (error: unknown): ProviderRefusal => (isProviderRefusal(error) ? error : providerRefusal(problemOf(error)));
