import type { Core } from '@strapi/strapi';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { DEFAULT_NUMBER_SETTINGS, NUMBER_SETTING_RANGES, healthThresholdsProblem, numberSettingsSchema, type NumberSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Numbers' own settings (the quarantine cooldown, the health thresholds), in the core store; each change checked and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<NumberSettings, typeof numberSettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => DEFAULT_NUMBER_SETTINGS,
    schema: numberSettingsSchema,
    ranges: NUMBER_SETTING_RANGES,
    parse: parseInput,
    check: healthThresholdsProblem,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: change }),
  });

export type NumberSettingsService = ReturnType<typeof settings>;
export default settings;
