import { defaults } from '@switchboard/config';
import { settingNumber, settingsSection, type SettingRange } from '@switchboard/kit';

/** The provider's delivery settings (OPS §3.8 "Delivery Settings": retry attempts, retry backoff, delivery timeout). */
export interface DeliverySettings {
  /** Automatic retries after the first attempt (OPS §4.7: at most three attempts in all by default). */
  retries: number;
  /** Exponential backoff with full jitter: the first retry waits up to this many seconds, each later one doubles it… */
  backoffSeconds: number;
  /** …never more than this. */
  maxBackoffSeconds: number;
  /** An SMS still queued or sending this long is `stuck` (compliance's delivery-failure feed). */
  timeoutMinutes: number;
}

export const DELIVERY_SETTING_RANGES: Record<keyof DeliverySettings, SettingRange> = {
  retries: { min: 0, max: 3 },
  backoffSeconds: { min: 1, max: 600 },
  maxBackoffSeconds: { min: 1, max: 3600 },
  timeoutMinutes: { min: 1, max: 1440 },
};

/** The defaults: config's attempts and stuck time; the backoff from the environment (tests shorten it). */
export const defaultDeliverySettings = (env: { DELIVERY_RETRY_BASE_MS: number; DELIVERY_RETRY_MAX_MS: number }): DeliverySettings => ({
  retries: defaults.deliveryMaxAttempts - 1,
  backoffSeconds: env.DELIVERY_RETRY_BASE_MS / 1000,
  maxBackoffSeconds: env.DELIVERY_RETRY_MAX_MS / 1000,
  timeoutMinutes: defaults.deliveryStuckMinutes,
});

export const deliverySettingsSchema = settingsSection({
  retries: settingNumber('Retry attempts', DELIVERY_SETTING_RANGES.retries).optional(),
  backoffSeconds: settingNumber('The retry backoff in seconds', DELIVERY_SETTING_RANGES.backoffSeconds).optional(),
  maxBackoffSeconds: settingNumber('The longest retry wait in seconds', DELIVERY_SETTING_RANGES.maxBackoffSeconds).optional(),
  timeoutMinutes: settingNumber('The delivery timeout in minutes', DELIVERY_SETTING_RANGES.timeoutMinutes).optional(),
});
