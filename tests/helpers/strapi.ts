import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';

export const repoRoot = path.resolve(__dirname, '../..');

export interface RunningStrapi {
  strapi: Core.Strapi;
  /** A supertest agent on the running HTTP server. */
  http: TestAgent;
  /** http://127.0.0.1:<port>, for socket.io clients and fetch. */
  baseUrl: string;
  stop(): Promise<void>;
}

/** Boots the real Strapi app (compiled by `npm run build:server`) on the test database, on a free port or the one given. */
export async function startStrapi(port = 0): Promise<RunningStrapi> {
  const appDir = path.join(repoRoot, 'cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    strapi,
    http: request(server),
    baseUrl: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      await strapi.destroy();
    },
  };
}

/**
 * Call at the top of a test file whose Strapi must meet an empty database (the first start itself: schema creation
 * and the demo seed); every other file starts from a copy of the run's seeded template (setup-integration.ts).
 */
export function emptyDatabase(): void {
  (globalThis as { __switchboardEmptyDatabase?: boolean }).__switchboardEmptyDatabase = true;
}
