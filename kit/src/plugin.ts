/**
 * A Strapi plugin's server entry with the parts it does not use filled in (no-op lifecycles, no config, no policies,
 * no middlewares), so each plugin's index.ts lists only what it has.
 */
export function definePlugin<T extends Record<string, unknown>>(parts: T) {
  return {
    register() {},
    bootstrap() {},
    destroy() {},
    config: { default: {}, validator() {} },
    contentTypes: {},
    controllers: {},
    routes: {},
    services: {},
    policies: {},
    middlewares: {},
    ...parts,
  };
}
