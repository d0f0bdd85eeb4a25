// Alerts (issue 21, OPS §3.7): the plugin's admin registration; its pages are added beside it.
export default {
  register(app: any) {
    app.registerPlugin({ id: 'alerts', name: 'Alerts' });
  },
  async registerTrads() {
    return [];
  },
};
