import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { settingsSection, type SettingRange } from '@switchboard/kit';

/** Policy's settings (OPS §4.8 "Sends warning to sender (if configured)"). Enforcement has no switch (OPS §2.1). */
export interface PolicySettings {
  warnSender: boolean;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = { warnSender: defaults.policyWarnSender };

export const POLICY_SETTING_RANGES: Record<string, SettingRange> = {};

const onOff = 'Invalid setting value. Warning the sender is on or off. Use valid range: true or false.';
export const policySettingsSchema = settingsSection({
  warnSender: z.boolean({ error: onOff }).optional(),
});
