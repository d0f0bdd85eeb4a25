import type { Core } from '@strapi/strapi';
import type { AuditLogService } from '@switchboard/audit';
import type { ClientsService, OrganisationService, SittersService } from '@switchboard/people';
import type { BookingsService, WindowsService } from '@switchboard/assignments';
import type { ClientThreadsService, ConversationsService } from '@switchboard/messaging';

/** The services of the plugins below that automations calls (their READMEs document them); nothing else is reached. */
export const lower = (strapi: Core.Strapi) => ({
  audit: () => strapi.plugin('audit').service('audit-log') as AuditLogService,
  clients: () => strapi.plugin('people').service('clients') as ClientsService,
  sitters: () => strapi.plugin('people').service('sitters') as SittersService,
  organisation: () => strapi.plugin('people').service('organisation') as OrganisationService,
  bookings: () => strapi.plugin('assignments').service('bookings') as BookingsService,
  windows: () => strapi.plugin('assignments').service('windows') as WindowsService,
  conversations: () => strapi.plugin('messaging').service('conversations') as ConversationsService,
  clientThreads: () => strapi.plugin('messaging').service('client-threads') as ClientThreadsService,
});

export type Lower = ReturnType<typeof lower>;
