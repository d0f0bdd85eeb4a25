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

/** 503: something we depend on (the database) is not reachable for a moment; nothing was written, and the same request may be sent again. */
export class ServiceUnavailableError extends errors.ApplicationError<'ServiceUnavailableError'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    this.name = 'ServiceUnavailableError';
  }
}

/** The sentence of a request that met the database restarting or out of connections (issue 25). */
export const DATABASE_UNAVAILABLE_SENTENCE = 'The service is briefly unavailable and nothing was saved. Try again in a moment; sending the same request again is safe.';

/** Postgres's SQLSTATEs of a connection that ended or could not be had: class 08, shutdown (57P01–57P03), too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// knex prefixes a failed query's message with its SQL ("select … - Connection terminated unexpectedly"), so unanchored.
const UNAVAILABLE_MESSAGES = [/Connection terminated/, /connection error and is not queryable/, /Knex: Timeout acquiring a connection/, /Connection ended unexpectedly/, /Client was closed and is not queryable/];

/**
 * Whether an error is the database being out of reach (a restart, a failover, the pool exhausted) rather than a
 * fault in the request or in our code: the request can be sent again as it is.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}

/** The refusal to answer for an error: itself when it is one, a 503 when the database was out of reach, else null (our fault). */
export function asRefusal(error: unknown): InstanceType<typeof errors.ApplicationError> | null {
  if (error instanceof errors.ApplicationError) return error;
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError(DATABASE_UNAVAILABLE_SENTENCE);
  return null;
}

/**
 * Statuses of the errors Strapi's middleware does not know (it answers 400 for any other ApplicationError);
 * the human-errors middleware (cms/src/middlewares) puts these right.
 */
export const STATUS_BY_NAME: Readonly<Record<string, number>> = { ConflictError: 409, ProviderUnavailableError: 502, ServiceUnavailableError: 503 };

const STATUS_BY_CLASS: [new (...args: any[]) => Error, number][] = [
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.NotFoundError, 404],
  [ConflictError, 409],
  [errors.PayloadTooLargeError, 413],
  [errors.RateLimitError, 429],
  [ProviderUnavailableError, 502],
  [ServiceUnavailableError, 503],
];

/** The HTTP status of a refusal, as Strapi (plus STATUS_BY_NAME) answers it; null for an error that is not one (see asRefusal). */
export function statusOf(error: unknown): number | null {
  if (!(error instanceof errors.ApplicationError)) return null;
  return STATUS_BY_CLASS.find(([cls]) => error instanceof cls)?.[1] ?? 400;
}

export interface FailedAck {
  ok: false;
  error: { status: number; message: string; details?: unknown };
}

/**
 * A socket acknowledgement for a failed event: the same status and sentence HTTP would answer (503 when the database
 * was out of reach: the same event may be sent again). Anything else is our fault: 500 with a sentence, and the
 * caller logs the detail.
 */
export function toAck(error: unknown): FailedAck {
  const refusal = asRefusal(error);
  if (refusal === null) return { ok: false, error: { status: 500, message: 'Something went wrong on our side; please try again.' } };
  return { ok: false, error: { status: statusOf(refusal)!, message: refusal.message, details: refusal.details ?? {} } };
}
