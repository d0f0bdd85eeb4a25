import { defaults } from '@switchboard/config';
import { settingNumber, settingsSection, type SettingRange } from '@switchboard/kit';

/** Numbers' section of the system settings (API.md "SystemSettings" `numbers`; OPS §3.8 "Number Management"). */
export interface NumberSettings {
  /** OPS §3.1: a quarantined number rests this many days before it can be released. */
  cooldownDays: number;
}

export const DEFAULT_NUMBER_SETTINGS: NumberSettings = { cooldownDays: defaults.quarantineCooldownDays };

export const NUMBER_SETTING_RANGES: Record<keyof NumberSettings, SettingRange> = {
  cooldownDays: { min: defaults.quarantineCooldownMinDays, max: defaults.quarantineCooldownMaxDays },
};

/** OPS §3.8 "Cooldown periods cannot be set below 30 days", in the spec's sentence. */
export const numberSettingsSchema = settingsSection({
  cooldownDays: settingNumber('The cooldown period', NUMBER_SETTING_RANGES.cooldownDays, {
    below: `Cooldown period cannot be shorter than ${NUMBER_SETTING_RANGES.cooldownDays.min} days`,
    above: `Cooldown period cannot be longer than ${NUMBER_SETTING_RANGES.cooldownDays.max} days`,
  }).optional(),
});
