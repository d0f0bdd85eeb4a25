import type { Handle } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';

const api = new URL(env.PUBLIC_API_URL || 'http://localhost:1337');
const socketOrigin = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`;
// Kit's own policy (svelte.config.js) carries the script nonce; this second policy narrows where the page
// may connect: itself, the API and its socket.io endpoint. A browser enforces both policies.
const connectPolicy = `connect-src 'self' ${api.origin} ${socketOrigin}`;

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.append('content-security-policy', connectPolicy);
    response.headers.set('x-content-type-options', 'nosniff');
    response.headers.set('referrer-policy', 'same-origin');
  }
  return response;
};
