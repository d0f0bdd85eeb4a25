import { defaults } from '@switchboard/config';
import { settingNumber, settingsSection, type SettingRange } from '@switchboard/kit';

/**
 * Messaging's settings. `slaMinutes` (OPS §3.5 "response within X minutes", §3.7 SLA breach) lives here, the lowest
 * plugin both readers may call: alerts raises sla_breach past it, compliance's analytics measures against it.
 */
export interface MessagingSettings {
  slaMinutes: number;
}

export const DEFAULT_MESSAGING_SETTINGS: MessagingSettings = { slaMinutes: defaults.complianceSlaMinutes };

export const MESSAGING_SETTING_RANGES: Record<keyof MessagingSettings, SettingRange> = { slaMinutes: { min: 1, max: 1440 } };

export const messagingSettingsSchema = settingsSection({
  slaMinutes: settingNumber('The response SLA in minutes', MESSAGING_SETTING_RANGES.slaMinutes).optional(),
});
