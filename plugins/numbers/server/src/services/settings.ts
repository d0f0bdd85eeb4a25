import type { Core } from '@strapi/strapi';
import { auditedSettings } from '@switchboard/audit';
import { DEFAULT_NUMBER_SETTINGS, NUMBER_SETTING_RANGES, healthThresholdsProblem, numberSettingsSchema, type NumberSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Numbers' own settings (the quarantine cooldown, the health thresholds), in the core store; each change checked and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<NumberSettings, typeof numberSettingsSchema>(strapi, { plugin: PLUGIN, defaults: () => DEFAULT_NUMBER_SETTINGS, schema: numberSettingsSchema, ranges: NUMBER_SETTING_RANGES, check: healthThresholdsProblem });

export type NumberSettingsService = ReturnType<typeof settings>;
export default settings;
