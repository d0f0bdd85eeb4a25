import type { Core } from '@strapi/strapi';
import { loadEnv, requireSecrets } from '@switchboard/config';

const config = (): Core.Config.Plugin => {
  const env = loadEnv();
  const secrets = requireSecrets(env);
  return {
    'users-permissions': {
      config: {
        jwtSecret: secrets.JWT_SECRET,
        jwtManagement: 'refresh',
        sessions: { httpOnly: true },
        // API.md: outside production, trying every demo account in a minute must work.
        ratelimit: env.NODE_ENV === 'production' ? {} : { enabled: false },
      },
    },
    audit: { enabled: true, resolve: '../plugins/audit' },
    provider: { enabled: true, resolve: '../plugins/provider' },
    messaging: { enabled: true, resolve: '../plugins/messaging' },
    numbers: { enabled: true, resolve: '../plugins/numbers' },
  };
};

export default config;
