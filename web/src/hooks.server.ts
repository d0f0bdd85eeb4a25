import type { Handle } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';

import { apiUrlFor } from '$lib/loopback';

// Kit's own policy (svelte.config.js) carries the script nonce; this second policy narrows where the page
// may connect: itself, the API and its socket.io endpoint (as this page will call it). A browser enforces both.
function connectPolicy(pageHostname: string): string {
  const api = new URL(apiUrlFor(env.PUBLIC_API_URL || 'http://localhost:1337', pageHostname));
  const socketOrigin = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`;
  return `connect-src 'self' ${api.origin} ${socketOrigin}`;
}

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.append('content-security-policy', connectPolicy(event.url.hostname));
    response.headers.set('x-content-type-options', 'nosniff');
    response.headers.set('referrer-policy', 'same-origin');
  }
  return response;
};
