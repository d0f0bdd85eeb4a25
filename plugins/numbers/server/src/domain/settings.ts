import { defaults } from '@switchboard/config';
import { settingNumber, settingsSection, type SettingRange } from '@switchboard/kit';

/** Numbers' section of the system settings (API.md "SystemSettings" `numbers`; OPS §3.8 "Number Management"). */
export interface NumberSettings {
  /** OPS §3.1: a quarantined number rests this many days before it can be released. */
  cooldownDays: number;
  /** OPS §3.1 health: yellow from this many delivery errors in 7 days… */
  healthWarningErrors: number;
  /** …red from this many (more than the warning). */
  healthCriticalErrors: number;
}

export const DEFAULT_NUMBER_SETTINGS: NumberSettings = { cooldownDays: defaults.quarantineCooldownDays, healthWarningErrors: defaults.numberHealthWarningErrors, healthCriticalErrors: defaults.numberHealthCriticalErrors };

export const NUMBER_SETTING_RANGES: Record<keyof NumberSettings, SettingRange> = {
  cooldownDays: { min: defaults.quarantineCooldownMinDays, max: defaults.quarantineCooldownMaxDays },
  healthWarningErrors: { min: 1, max: 100 },
  healthCriticalErrors: { min: 2, max: 1000 },
};

/** OPS §3.8 "Cooldown periods cannot be set below 30 days", in the spec's sentence. */
export const numberSettingsSchema = settingsSection({
  cooldownDays: settingNumber('The cooldown period', NUMBER_SETTING_RANGES.cooldownDays, {
    below: `Cooldown period cannot be shorter than ${NUMBER_SETTING_RANGES.cooldownDays.min} days`,
    above: `Cooldown period cannot be longer than ${NUMBER_SETTING_RANGES.cooldownDays.max} days`,
  }).optional(),
  healthWarningErrors: settingNumber('The delivery errors that make a number yellow', NUMBER_SETTING_RANGES.healthWarningErrors).optional(),
  healthCriticalErrors: settingNumber('The delivery errors that make a number red', NUMBER_SETTING_RANGES.healthCriticalErrors).optional(),
});

/** The thresholds together: red needs more errors than yellow. The sentence when they do not, or null. */
export function healthThresholdsProblem(s: Pick<NumberSettings, 'healthWarningErrors' | 'healthCriticalErrors'>): string | null {
  return s.healthCriticalErrors > s.healthWarningErrors
    ? null
    : `Invalid setting value. A number turns red at more delivery errors than it turns yellow (now ${s.healthWarningErrors} and ${s.healthCriticalErrors}). Use valid range: ${s.healthWarningErrors + 1}–${NUMBER_SETTING_RANGES.healthCriticalErrors.max} for red.`;
}
