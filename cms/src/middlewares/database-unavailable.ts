import type { Core } from '@strapi/strapi';
import { ServiceUnavailableError, asRefusal } from '@switchboard/kit';

// A request that met the database restarting, failing over or out of connections is not the caller's mistake, and
// not a fault of ours to hide behind a 500: it answers 503 with a sentence and Retry-After, and the caller sends the
// same request again (idempotency keys make that safe for a send). Registered just inside 'strapi::errors', so the
// error it throws is shaped like every other refusal; human-errors sets the status and the header.
const databaseUnavailable: Core.MiddlewareFactory = (_config, { strapi }) => async (_ctx, next) => {
  try {
    await next();
  } catch (error) {
    const refusal = asRefusal(error);
    if (!(refusal instanceof ServiceUnavailableError) || refusal === error) throw error;
    strapi.log.warn(`[http] the database was out of reach: ${(error as Error)?.message ?? error}`);
    throw refusal;
  }
};

export default databaseUnavailable;
