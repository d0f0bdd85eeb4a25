// Staff routes of API.md, served at /messaging/<path>. Each one checks an admin permission.
export default {
  type: 'admin',
  routes: [] as unknown[],
};
