import type { Core } from '@strapi/strapi';

// A body Strapi's body parser (koa-body: co-body, raw-body, formidable) cannot read is the caller's mistake:
// it answers 400 with a sentence (413/415 where those say more), never a 500 with a stack trace in the log.
// Registered just before 'strapi::body', so it sees the parser's errors; errors thrown later by a route are not its business.

interface BodyProblem {
  status: 400 | 413 | 415;
  message: string;
}

const NAMES: Record<BodyProblem['status'], string> = { 400: 'ValidationError', 413: 'PayloadTooLargeError', 415: 'UnsupportedMediaTypeError' };

const SENTENCES = {
  multipart:
    'The request body is not valid multipart form data: its boundary is missing or it is cut short. Send the body again as JSON (Content-Type: application/json) or as complete multipart form data.',
  json: 'The request body is not valid JSON. Check the JSON and send it again.',
  tooLarge: 'The request body is too large. Send less data at once.',
  incomplete: 'The request body arrived incomplete. Send it again.',
  compression: 'The request body is compressed in a way the server cannot read. Send it again uncompressed, or compressed with gzip, deflate or br.',
  encoding: 'The request body uses a character encoding the server does not read. Send it again as UTF-8.',
};

// raw-body's error types (the ones caused by the request, not by the server).
const RAW_BODY_TYPES: Record<string, BodyProblem> = {
  'entity.too.large': { status: 413, message: SENTENCES.tooLarge },
  'request.aborted': { status: 400, message: SENTENCES.incomplete },
  'request.size.invalid': { status: 400, message: SENTENCES.incomplete },
  'encoding.unsupported': { status: 415, message: SENTENCES.encoding },
  'charset.unsupported': { status: 415, message: SENTENCES.encoding },
};

/** What went wrong when an error comes from reading the body, or null when it is some other error. */
export function bodyProblem(error: unknown): BodyProblem | null {
  // Duck-typed, not instanceof: errors made by Node itself (zlib) may come from another realm (as under Jest).
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return null;
  const e = error as Error & { type?: unknown; code?: unknown; httpCode?: unknown; status?: unknown; body?: unknown };
  // formidable: numeric internal codes 1000–1099 with an httpCode (413 for size limits).
  if (typeof e.code === 'number' && e.code >= 1000 && e.code < 1100 && typeof e.httpCode === 'number') {
    return e.httpCode === 413 ? { status: 413, message: SENTENCES.tooLarge } : { status: 400, message: SENTENCES.multipart };
  }
  if (typeof e.type === 'string' && RAW_BODY_TYPES[e.type]) return RAW_BODY_TYPES[e.type];
  // co-body's JSON parse failure: a SyntaxError it marks with status 400 and the raw text.
  if (e.name === 'SyntaxError' && e.status === 400 && 'body' in e) return { status: 400, message: SENTENCES.json };
  // inflation: a Content-Encoding it does not know; zlib: a body that does not decompress.
  if (e.status === 415 && e.message.startsWith('Unsupported Content-Encoding')) return { status: 415, message: SENTENCES.compression };
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) return { status: 400, message: SENTENCES.compression };
  // koa-body turns a thrown value it does not see as an Error into one whose message is that value's JSON.
  if (e.name === 'object' && /"code":"Z_[A-Z_]+"/.test(e.message)) return { status: 400, message: SENTENCES.compression };
  return null;
}

const bodyErrors: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    // The parser sets ctx.request.body once it has read the body; if it is set, the error came from the route.
    const problem = ctx.request.body === undefined ? bodyProblem(error) : null;
    if (!problem) throw error;
    strapi.log.warn(`${ctx.method} ${ctx.path}: unreadable request body (${(error as Error).message})`);
    ctx.status = problem.status;
    ctx.body = { data: null, error: { status: problem.status, name: NAMES[problem.status], message: problem.message, details: {} } };
  }
};

export default bodyErrors;
