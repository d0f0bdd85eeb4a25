import type { Core } from '@strapi/strapi';
import { STATUS_BY_NAME } from '@switchboard/kit';

// Strapi's permission layer answers with bare words ("Forbidden"); people get a sentence with the next step (OPS §5.5).
const SENTENCES: Record<number, Record<string, string>> = {
  401: { Unauthorized: 'Sign in to continue; your session may have ended.' },
  403: {
    Forbidden: 'Your account is not allowed to do this. Sign in with an account that may, or ask an owner for access.',
    'Policy Failed': 'Your account is not allowed to do this. Ask an owner for access.',
  },
};

/** Seconds a client is asked to wait before sending a 503'd request again. */
const RETRY_AFTER_SECONDS = 1;

const humanErrors: Core.MiddlewareFactory = () => async (ctx, next) => {
  await next();
  const error = (ctx.body as { error?: { status?: number; name?: string; message?: string } } | undefined)?.error;
  // Strapi answers 400 for error classes it does not know; ours carry their own status (@switchboard/kit).
  const status = error?.name ? STATUS_BY_NAME[error.name] : undefined;
  if (error && status) {
    ctx.status = status;
    error.status = status;
  }
  // The database out of reach for a moment (database-unavailable.ts): the same request may come again shortly.
  if (error && ctx.status === 503) ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
  const sentence = error?.message && SENTENCES[ctx.status]?.[error.message];
  if (error && sentence) error.message = sentence;
};

export default humanErrors;
