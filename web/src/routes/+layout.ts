// The session lives in the browser (memory and sessionStorage), so pages render there; the server sends
// the shell with its Content-Security-Policy.
export const ssr = false;
export const prerender = false;
