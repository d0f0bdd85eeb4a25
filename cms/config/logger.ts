import { winston, formats } from '@strapi/logger';
import { loadEnv } from '@switchboard/config';

const { prettyPrint, levelFilter } = formats;
const level = loadEnv().LOG_LEVEL;

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(levelFilter(level), prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
