import type { z } from 'zod';

/** The first problem zod found, as the sentence a person reads, plus every problem in `details`. */
export function validationFailure(error: z.ZodError): { message: string; details: { errors: { path: string; message: string }[] } } {
  const errors = error.issues.map((i) => ({ path: i.path.join('.'), message: humanIssue(i) }));
  return { message: errors[0]?.message ?? 'The request is not valid.', details: { errors } };
}

function humanIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  const message = issue.message;
  // Our own schema messages are whole sentences; zod's defaults get the field name in front.
  if (/[.!?]$/.test(message)) return message;
  return field ? `${field}: ${message}.` : `${message}.`;
}
