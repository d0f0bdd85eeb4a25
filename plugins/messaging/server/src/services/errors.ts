import { ConflictError, ForbiddenError, NotFoundError, RateLimitError, UnauthorizedError, ValidationError } from '@switchboard/kit';

/**
 * Transitional: the few callers not yet moved to @switchboard/kit's classes get the kit error for their status,
 * so Strapi's error middleware shapes them like every other refusal. New code throws the kit classes directly.
 */
const BY_STATUS = { 400: ValidationError, 401: UnauthorizedError, 403: ForbiddenError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError };

export const MessagingError = function MessagingError(status: keyof typeof BY_STATUS, message: string, details: Record<string, unknown> = {}) {
  const ErrorClass = BY_STATUS[status] as new (message: string, details?: Record<string, unknown>) => Error;
  return new ErrorClass(message, details);
} as unknown as new (status: keyof typeof BY_STATUS, message: string, details?: Record<string, unknown>) => Error;
