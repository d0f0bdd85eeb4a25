import type { z } from 'zod';
import { errors } from '@strapi/utils';

/** One problem zod found, as the sentence a person reads: our schemas' messages are sentences, zod's get the field. */
function humanIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (/[.!?]$/.test(issue.message)) return issue.message;
  return field ? `${field}: ${issue.message}.` : `${issue.message}.`;
}

/**
 * Parses a body, query, param or socket payload with its zod schema: the value, or a ValidationError (400) whose
 * message is the first problem as a sentence and whose `details.errors` lists every problem by path.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: humanIssue(issue) }));
  throw new errors.ValidationError(problems[0]?.message ?? 'The request is not valid.', { errors: problems });
}
