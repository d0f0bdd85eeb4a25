/**
 * A typed getter for one plugin's services: `getService(strapi, 'inventory')` answers with the service's own type,
 * so no plugin writes local lookup helpers or casts. Each plugin makes its own once:
 *   export const getService = serviceGetter<typeof services>('numbers');
 */
type Factories = Record<string, (...args: any[]) => unknown>;
type StrapiLike = { plugin(name: string): { service(name: string): unknown } };

export function serviceGetter<S extends Factories>(pluginName: string) {
  return <K extends keyof S & string>(strapi: StrapiLike, name: K): ReturnType<S[K]> => strapi.plugin(pluginName).service(name) as ReturnType<S[K]>;
}
