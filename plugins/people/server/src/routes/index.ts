// App-user routes of API.md. `prefix: ''` serves them at /api/profile rather than /api/people/profile.
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { prefix: '' } });

export default {
  'content-api': {
    type: 'content-api',
    routes: [route('GET', '/profile', 'profile.find'), route('PUT', '/profile', 'profile.update')],
  },
};
