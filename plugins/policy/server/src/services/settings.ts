import type { Core } from '@strapi/strapi';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { DEFAULT_POLICY_SETTINGS, POLICY_SETTING_RANGES, policySettingsSchema, type PolicySettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Policy's settings: `warnSender` (OPS §4.8). Enforcement itself is not a setting (OPS §2.1 wins over §3.8). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<PolicySettings, typeof policySettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => DEFAULT_POLICY_SETTINGS,
    schema: policySettingsSchema,
    ranges: POLICY_SETTING_RANGES,
    parse: parseInput,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: change }),
  });

export type PolicySettingsService = ReturnType<typeof settings>;
export default settings;
