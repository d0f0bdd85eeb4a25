import type { Core } from '@strapi/strapi';
import { listenHost, loadEnv, proxySettings, requireSecrets } from '@switchboard/config';

const config = (): Core.Config.Server => {
  const env = loadEnv();
  const secrets = requireSecrets(env);
  return {
    // Loopback while the demo organisation is seeded, unless HOST says otherwise (README "Production").
    host: listenHost(env.HOST, env),
    port: env.PORT,
    url: env.PUBLIC_URL,
    // X-Forwarded-For/-Proto count only behind PROXY_TRUST configured proxies, so a caller cannot pick its own IP.
    proxy: proxySettings(env.PROXY_TRUST),
    app: { keys: secrets.APP_KEYS.split(',') },
    webhooks: { populateRelations: false },
  };
};

export default config;
