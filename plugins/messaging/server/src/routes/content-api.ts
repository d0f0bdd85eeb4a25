// App-user routes of API.md. `prefix: ''` serves them at /api/<path> rather than /api/messaging/<path>.
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/profile', handler: 'profile.find', config: { prefix: '' } },
    { method: 'PUT', path: '/profile', handler: 'profile.update', config: { prefix: '' } },
  ],
};
