import { env } from '$env/dynamic/public';

/** The Strapi server (REST API and socket.io). `npm start` sets PUBLIC_API_URL from PUBLIC_URL. */
export const apiUrl = (env.PUBLIC_API_URL || 'http://localhost:1337').replace(/\/$/, '');
