import type { Core } from '@strapi/strapi';
import { defaults } from '@switchboard/config';

/**
 * Policy's section of the system settings: `policy.warnSender` (OPS §4.8 "Sends warning to sender (if configured)").
 * For now the default from config/defaults.ts; /setup/settings will read and write it through this service.
 * Enforcement itself is not a setting (OPS §2.1 wins over §3.8).
 */
const settings = (_: { strapi: Core.Strapi }) => ({
  warnSender: (): boolean => defaults.policyWarnSender,
});

export type PolicySettingsService = ReturnType<typeof settings>;
export default settings;
