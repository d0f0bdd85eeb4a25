// Setup (issue 22, OPS §3.9): the plugin's admin registration; the wizard's page is added beside it.
export default {
  register(app: any) {
    app.registerPlugin({ id: 'setup', name: 'Setup' });
  },
  async registerTrads() {
    return [];
  },
};
