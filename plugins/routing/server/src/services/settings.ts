import type { Core } from '@strapi/strapi';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { DEFAULT_ROUTING_SETTINGS, ROUTING_SETTING_RANGES, routingSettingsSchema, type RoutingSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Routing's settings: the pool auto-response (OPS §4.4). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<RoutingSettings, typeof routingSettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => DEFAULT_ROUTING_SETTINGS,
    schema: routingSettingsSchema,
    ranges: ROUTING_SETTING_RANGES,
    parse: parseInput,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: change }),
  });

export type RoutingSettingsService = ReturnType<typeof settings>;
export default settings;
