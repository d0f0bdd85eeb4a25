import { MessagingError } from '../services/errors';

type Ctx = any;

/** Runs one service call and answers with Strapi's error envelope for a refusal a person should read. */
export async function respond(ctx: Ctx, work: () => Promise<{ status?: number; body?: unknown } | void>): Promise<void> {
  try {
    const result = await work();
    if (result?.status) ctx.status = result.status;
    if (result && 'body' in result) ctx.body = result.body;
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    ctx.status = error.status;
    ctx.body = {
      data: null,
      error: { status: error.status, name: NAMES[error.status] ?? 'ApplicationError', message: error.message, details: error.details },
    };
  }
}

const NAMES: Record<number, string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  429: 'RateLimitError',
};
