import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter(),
    // API.md's shapes, written once beside the plugin that answers them (types only).
    alias: {
      $messaging: '../plugins/messaging/shared',
      $people: '../plugins/people/shared',
      $assignments: '../plugins/assignments/shared',
    },
    // No inline scripts: Kit's own bootstrap script carries a per-response nonce (hashes when prerendered).
    // connect-src names the Strapi address, known only at run time: src/hooks.server.ts adds a second
    // policy narrowing it (a browser enforces both). No default-src here, or it would also cover connect-src.
    csp: {
      mode: 'auto',
      directives: {
        'script-src': ['self'],
        'connect-src': ['self', 'http:', 'https:', 'ws:', 'wss:'],
        'frame-src': ['none'],
        'media-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'img-src': ['self', 'data:'],
        // Kit's own inline style attributes (the display: contents wrapper, the route announcer); scripts stay strict.
        'style-src': ['self', 'unsafe-inline'],
      },
    },
  },
};

export default config;
