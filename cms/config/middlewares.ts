import type { Core } from '@strapi/strapi';
import { browserOrigins, defaults, loadEnv } from '@switchboard/config';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'global::human-errors',
  'strapi::errors',
  'global::database-unavailable',
  'strapi::security',
  // Browsers may call the API from Strapi's own address and the web app's (PUBLIC_URL, WEB_PUBLIC_URL), nowhere else.
  { name: 'strapi::cors', config: { origin: browserOrigins(loadEnv()), credentials: true } },
  'strapi::poweredBy',
  'strapi::query',
  'global::body-errors',
  {
    name: 'strapi::body',
    config: {
      jsonLimit: defaults.requestBodyMaxBytes,
      formLimit: defaults.requestBodyMaxBytes,
      textLimit: defaults.requestBodyMaxBytes,
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
