import type { Core } from '@strapi/strapi';
import type { AuditLogService } from '@switchboard/audit';
import { serviceGetter } from '@switchboard/kit';
import type services from './services';
import { PLUGIN } from './constants';

/** This plugin's services, typed: `getService(strapi, 'outbound')`. */
export const getService = serviceGetter<typeof services>(PLUGIN);

/** The audit plugin's one writer, the only service of another plugin provider calls. */
export const auditLog = (strapi: Core.Strapi) => strapi.plugin('audit').service('audit-log') as AuditLogService;
