import { serviceGetter } from '@switchboard/kit';
import type services from './services';
import { PLUGIN } from './constants';

/** This plugin's services, typed: `getService(strapi, 'wizard')`. */
export const getService = serviceGetter<typeof services>(PLUGIN);
