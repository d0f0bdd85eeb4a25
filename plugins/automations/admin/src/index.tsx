// Automations (issue 20, OPS §3.6): the plugin's admin registration; its pages are added beside it.
export default {
  register(app: any) {
    app.registerPlugin({ id: 'automations', name: 'Automations' });
  },
  async registerTrads() {
    return [];
  },
};
