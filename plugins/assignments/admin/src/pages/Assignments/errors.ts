import { errorSentence } from '@switchboard/kit/admin';

/** A refused write as the form shows it: each field's first sentence (by the server's top-level path) and the overall one. */
export function formRefusal(error: unknown): { fields: Record<string, string>; message: string } {
  const body = (error as { response?: { data?: { error?: { details?: { errors?: Array<{ path?: string | string[]; message?: string }> } } } } } | null)?.response?.data?.error;
  const fields: Record<string, string> = {};
  for (const problem of body?.details?.errors ?? []) {
    const field = (Array.isArray(problem.path) ? problem.path.join('.') : (problem.path ?? '')).split('.')[0];
    if (field && problem.message && !fields[field]) fields[field] = problem.message;
  }
  return { fields, message: errorSentence(error) };
}
