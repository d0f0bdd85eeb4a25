import type { Core } from '@strapi/strapi';
import { defaults, loadEnv, requireSecrets } from '@switchboard/config';

const config = (): Core.Config.Plugin => {
  const env = loadEnv();
  const secrets = requireSecrets(env);
  return {
    'users-permissions': {
      config: {
        jwtSecret: secrets.JWT_SECRET,
        jwtManagement: 'refresh',
        sessions: { httpOnly: true },
        // Production: users-permissions' own limit. Elsewhere a relaxed one (every demo login in a minute works), never none.
        ratelimit: env.NODE_ENV === 'production' ? {} : { enabled: true, ...defaults.loginRateLimitOutsideProduction },
      },
    },
    // Escalation e-mails (OPS §3.7) through Strapi's e-mail plugin, when an SMTP server is configured.
    ...(env.SMTP_HOST
      ? {
          email: {
            config: {
              provider: 'nodemailer',
              providerOptions: {
                host: env.SMTP_HOST,
                port: env.SMTP_PORT,
                secure: env.SMTP_SECURE,
                ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } } : {}),
              },
              settings: { defaultFrom: env.EMAIL_FROM, defaultReplyTo: env.EMAIL_FROM },
            },
          },
        }
      : {}),
    audit: { enabled: true, resolve: '../plugins/audit' },
    people: { enabled: true, resolve: '../plugins/people' },
    provider: { enabled: true, resolve: '../plugins/provider' },
    messaging: { enabled: true, resolve: '../plugins/messaging' },
    numbers: { enabled: true, resolve: '../plugins/numbers' },
    assignments: { enabled: true, resolve: '../plugins/assignments' },
    routing: { enabled: true, resolve: '../plugins/routing' },
    policy: { enabled: true, resolve: '../plugins/policy' },
    automations: { enabled: true, resolve: '../plugins/automations' },
    compliance: { enabled: true, resolve: '../plugins/compliance' },
    alerts: { enabled: true, resolve: '../plugins/alerts' },
    setup: { enabled: true, resolve: '../plugins/setup' },
  };
};

export default config;
