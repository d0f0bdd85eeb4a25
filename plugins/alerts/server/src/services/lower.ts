import type { Core } from '@strapi/strapi';
import type { AuditLogService } from '@switchboard/audit';
import type { ClientThreadsService, StatsService } from '@switchboard/messaging';
import type { ViolationsService } from '@switchboard/policy';
import type { DeliveryFailuresService } from '@switchboard/compliance';
import type { InventoryService, NumberLookupService } from '@switchboard/numbers';
import type { ProviderSettingsService, UsageService } from '@switchboard/provider';

interface RealtimeToStaff {
  toStaff(event: string, payload: unknown): void;
}

/** The services of the plugins below that alerts calls (their READMEs document them); nothing else is reached. */
export const lower = (strapi: Core.Strapi) => ({
  audit: () => strapi.plugin('audit').service('audit-log') as AuditLogService,
  realtime: () => strapi.plugin('messaging').service('realtime') as unknown as RealtimeToStaff,
  clientThreads: () => strapi.plugin('messaging').service('client-threads') as ClientThreadsService,
  stats: () => strapi.plugin('messaging').service('stats') as StatsService,
  violations: () => strapi.plugin('policy').service('violations') as ViolationsService,
  deliveryFailures: () => strapi.plugin('compliance').service('delivery-failures') as DeliveryFailuresService,
  numbers: () => strapi.plugin('numbers').service('number-lookup') as NumberLookupService,
  inventory: () => strapi.plugin('numbers').service('inventory') as InventoryService,
  usage: () => strapi.plugin('provider').service('usage') as UsageService,
  providerSettings: () => strapi.plugin('provider').service('settings') as ProviderSettingsService,
});
