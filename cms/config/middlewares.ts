import type { Core } from '@strapi/strapi';
import { defaults } from '@switchboard/config';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'global::human-errors',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
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
