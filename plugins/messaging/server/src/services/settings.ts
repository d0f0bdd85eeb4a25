import type { Core } from '@strapi/strapi';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { DEFAULT_MESSAGING_SETTINGS, MESSAGING_SETTING_RANGES, messagingSettingsSchema, type MessagingSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Messaging's settings: the response-time SLA that alerts (sla_breach) and compliance (analytics) both read. In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<MessagingSettings, typeof messagingSettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => DEFAULT_MESSAGING_SETTINGS,
    schema: messagingSettingsSchema,
    ranges: MESSAGING_SETTING_RANGES,
    parse: parseInput,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: change }),
  });

export type MessagingSettingsService = ReturnType<typeof settings>;
export default settings;
