import { env } from '$env/dynamic/public';
import { apiUrlFor } from './loopback';

/**
 * The Strapi server (REST API and socket.io). `npm start` sets PUBLIC_API_URL from PUBLIC_URL; a page opened at the
 * other loopback spelling calls it under that spelling (loopback.ts).
 */
export const apiUrl = apiUrlFor(env.PUBLIC_API_URL || 'http://localhost:1337', typeof location === 'undefined' ? null : location.hostname);
