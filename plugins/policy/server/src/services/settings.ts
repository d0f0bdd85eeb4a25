import type { Core } from '@strapi/strapi';
import { auditedSettings } from '@switchboard/audit';
import { DEFAULT_POLICY_SETTINGS, POLICY_SETTING_RANGES, policySettingsSchema, type PolicySettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Policy's settings: `warnSender` (OPS §4.8). Enforcement itself is not a setting (OPS §2.1 wins over §3.8). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<PolicySettings, typeof policySettingsSchema>(strapi, { plugin: PLUGIN, defaults: () => DEFAULT_POLICY_SETTINGS, schema: policySettingsSchema, ranges: POLICY_SETTING_RANGES });

export type PolicySettingsService = ReturnType<typeof settings>;
export default settings;
