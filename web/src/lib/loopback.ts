const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The API address as this page should call it. Opened at 127.0.0.1 while the API is configured as localhost (or
 * the other way round), the page calls the API under its own spelling: the same site, so the refresh cookie is
 * sent and the server accepts the origin. Anything that is not loopback on both sides is left as configured.
 */
export function apiUrlFor(configured: string, pageHostname: string | null | undefined): string {
  const url = new URL(configured);
  if (pageHostname && LOOPBACK.has(url.hostname) && LOOPBACK.has(pageHostname)) url.hostname = pageHostname;
  return url.toString().replace(/\/$/, '');
}
