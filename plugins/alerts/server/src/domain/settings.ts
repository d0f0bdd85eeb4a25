import { z } from 'zod';
import { defaults } from '@switchboard/config';

/** Alerts' own thresholds (API.md "Setup and system settings" `alerts`; OPS §3.7 "Alert thresholds are configurable (owner-only)"). */
export interface AlertSettings {
  /** A reply to a client later than this is an SLA breach (OPS §3.5): messaging's setting, shared with compliance's analytics. */
  slaMinutes: number;
  /** provider_error when more than this share of the SMS sent in the window failed… */
  failureRatePercent: number;
  failureRateWindowMinutes: number;
  /** …and at least this many were sent (a single failure out of two is not a provider problem). */
  failureRateMinSends: number;
  /** Webhooks refused for their signature in the window before it is a provider_error. */
  webhookRefusalsMax: number;
  /** SMS waiting in the delivery queue before it is a provider_error. */
  deliveryBacklogMax: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  slaMinutes: defaults.complianceSlaMinutes,
  failureRatePercent: defaults.alertFailureRatePercent,
  failureRateWindowMinutes: defaults.alertFailureRateWindowMinutes,
  failureRateMinSends: defaults.alertFailureRateMinSends,
  webhookRefusalsMax: defaults.alertWebhookRefusalsMax,
  deliveryBacklogMax: defaults.alertDeliveryBacklogMax,
};

const range = (what: string, min: number, max: number) =>
  z
    .number({ error: `Invalid setting value. ${what} is a whole number. Use valid range: ${min}–${max}.` })
    .int({ error: `Invalid setting value. ${what} is a whole number. Use valid range: ${min}–${max}.` })
    .min(min, { error: `Invalid setting value. ${what} cannot be below ${min}. Use valid range: ${min}–${max}.` })
    .max(max, { error: `Invalid setting value. ${what} cannot be above ${max}. Use valid range: ${min}–${max}.` });

export const alertSettingsSchema = z.strictObject(
  {
    // Stored by messaging (README "SLA"); checked there too, with the same range.
    slaMinutes: range('The response SLA in minutes', 1, 1440).optional(),
    failureRatePercent: range('The delivery failure rate', 1, 100).optional(),
    failureRateWindowMinutes: range('The failure rate window in minutes', 5, 1440).optional(),
    failureRateMinSends: range('The sends the failure rate needs', 1, 10_000).optional(),
    webhookRefusalsMax: range('The refused webhooks allowed in the window', 1, 100_000).optional(),
    deliveryBacklogMax: range('The SMS allowed to wait in the delivery queue', 1, 1_000_000).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown setting: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'Settings must be an object.') },
);

/** provider_error's failure-rate check: over the threshold with enough sends. */
export function failureRateBreached(sent: number, failed: number, settings: AlertSettings): boolean {
  return sent >= settings.failureRateMinSends && (failed / sent) * 100 > settings.failureRatePercent;
}

/** The ranges of the settings alerts stores itself, shown beside each on the settings page. */
export const ALERT_SETTING_RANGES = {
  failureRatePercent: { min: 1, max: 100 },
  failureRateWindowMinutes: { min: 5, max: 1440 },
  failureRateMinSends: { min: 1, max: 10_000 },
  webhookRefusalsMax: { min: 1, max: 100_000 },
  deliveryBacklogMax: { min: 1, max: 1_000_000 },
  slaMinutes: { min: 1, max: 1440 },
};
