import type { Core } from '@strapi/strapi';
import { serviceGetter } from '@switchboard/kit';
import type { AuditLogService } from '@switchboard/audit';
import type { OutboundService, ReadinessService, WebhooksService } from '@switchboard/provider';
import type { ClientsService, ProfileService } from '@switchboard/people';
import type { NumberLookupService, SitterNoticesService as NumbersSitterNotices, ThreadsService } from '@switchboard/numbers';
import type services from './services';
import { PLUGIN } from './constants';

/** This plugin's services, typed: `getService(strapi, 'messages')`. */
export const getService = serviceGetter<typeof services>(PLUGIN);

/** The lower plugins' services this plugin calls, typed by what each documents (one place holds the lookups). */
export const auditLog = (strapi: Core.Strapi) => strapi.plugin('audit').service('audit-log') as AuditLogService;
export const providerOutbound = (strapi: Core.Strapi) => strapi.plugin('provider').service('outbound') as OutboundService;
export const providerReadiness = (strapi: Core.Strapi) => strapi.plugin('provider').service('readiness') as ReadinessService;
export const providerWebhooks = (strapi: Core.Strapi) => strapi.plugin('provider').service('webhooks') as WebhooksService;
export const peopleProfiles = (strapi: Core.Strapi) => strapi.plugin('people').service('profile') as ProfileService;
export const numbersThreads = (strapi: Core.Strapi) => strapi.plugin('numbers').service('threads') as ThreadsService;
export const numbersSitterNotices = (strapi: Core.Strapi) => strapi.plugin('numbers').service('sitter-notices') as NumbersSitterNotices;
export const peopleClients = (strapi: Core.Strapi) => strapi.plugin('people').service('clients') as ClientsService;
export const numbersLookup = (strapi: Core.Strapi) => strapi.plugin('numbers').service('number-lookup') as NumberLookupService;
