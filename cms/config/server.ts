import type { Core } from '@strapi/strapi';
import { loadEnv, requireSecrets } from '@switchboard/config';

const config = (): Core.Config.Server => {
  const env = loadEnv();
  const secrets = requireSecrets(env);
  return {
    host: env.HOST,
    port: env.PORT,
    url: env.PUBLIC_URL,
    app: { keys: secrets.APP_KEYS.split(',') },
    webhooks: { populateRelations: false },
  };
};

export default config;
