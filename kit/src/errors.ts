import { errors } from '@strapi/utils';

/**
 * The refusals every plugin throws, and nothing else: Strapi's own error classes, which its error middleware
 * shapes into API.md's envelope `{ data: null, error: { status, name, message, details } }`, plus the two
 * statuses Strapi has no class for. `message` is always a sentence a person can act on (OPS §5.5).
 */
export const { ApplicationError, ValidationError, NotFoundError, UnauthorizedError, RateLimitError, PayloadTooLargeError } = errors;

/**
 * 403. Strapi's route step that checks permissions also catches a ForbiddenError thrown by the controller after it
 * and answers a bare "Forbidden"; its PolicyError subclass passes through with the sentence, so ours is one, named ForbiddenError.
 */
export class ForbiddenError extends errors.PolicyError {
  constructor(message?: string, details?: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = 'ForbiddenError';
  }
}

/** 409: the request is valid but collides with the state of things ("This violation is already resolved."). */
export class ConflictError extends errors.ApplicationError<'ConflictError'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    this.name = 'ConflictError';
  }
}

/** 502: the SMS provider (or another service we depend on) failed; a retry may help. */
export class ProviderUnavailableError extends errors.ApplicationError<'ProviderUnavailableError'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    this.name = 'ProviderUnavailableError';
  }
}

/**
 * Statuses of the errors Strapi's middleware does not know (it answers 400 for any other ApplicationError);
 * the human-errors middleware (cms/src/middlewares) puts these right.
 */
export const STATUS_BY_NAME: Readonly<Record<string, number>> = { ConflictError: 409, ProviderUnavailableError: 502 };

const STATUS_BY_CLASS: [new (...args: any[]) => Error, number][] = [
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.NotFoundError, 404],
  [ConflictError, 409],
  [errors.PayloadTooLargeError, 413],
  [errors.RateLimitError, 429],
  [ProviderUnavailableError, 502],
];

/** The HTTP status of a refusal, as Strapi (plus STATUS_BY_NAME) answers it; null for an error that is not one. */
export function statusOf(error: unknown): number | null {
  if (!(error instanceof errors.ApplicationError)) return null;
  return STATUS_BY_CLASS.find(([cls]) => error instanceof cls)?.[1] ?? 400;
}

export interface FailedAck {
  ok: false;
  error: { status: number; message: string; details?: unknown };
}

/**
 * A socket acknowledgement for a failed event: the same status and sentence HTTP would answer. Anything that is
 * not a refusal is our fault: 500 with a sentence, and the caller logs the detail.
 */
export function toAck(error: unknown): FailedAck {
  const status = statusOf(error);
  if (status === null) return { ok: false, error: { status: 500, message: 'Something went wrong on our side; please try again.' } };
  const e = error as InstanceType<typeof errors.ApplicationError>;
  return { ok: false, error: { status, message: e.message, details: e.details ?? {} } };
}
