import { z } from 'zod';
import { defaults } from '@switchboard/config';
import { isClockTime, type QuietHours } from './limits';

/** Automations' own settings (API.md "Setup and system settings" `automations`), with their defaults and safe ranges. */
export interface AutomationSettings {
  failureThreshold: number;
  maxDepth: number;
  clientDailyCap: number;
  quietHours: QuietHours | null;
}

export const DEFAULT_SETTINGS: AutomationSettings = {
  failureThreshold: defaults.automationFailureThreshold,
  maxDepth: defaults.automationMaxDepth,
  clientDailyCap: defaults.automationClientDailyCap,
  quietHours: defaults.automationQuietHours,
};

/** OPS §3.8 "Invalid setting value. [Explanation]. Use valid range: [range]." */
const range = (what: string, min: number, max: number) =>
  z
    .number({ error: `Invalid setting value. ${what} is a whole number. Use valid range: ${min}–${max}.` })
    .int({ error: `Invalid setting value. ${what} is a whole number. Use valid range: ${min}–${max}.` })
    .min(min, { error: `Invalid setting value. ${what} cannot be below ${min}. Use valid range: ${min}–${max}.` })
    .max(max, { error: `Invalid setting value. ${what} cannot be above ${max}. Use valid range: ${min}–${max}.` });
const clock = z.string().refine(isClockTime, { error: 'Invalid setting value. Quiet hours are local times like 21:00. Use valid range: 00:00–23:59.' });

/** Each limit's safe range, shown beside it on the settings page. */
export const AUTOMATION_SETTING_RANGES = {
  failureThreshold: { min: 1, max: 20 },
  maxDepth: { min: 1, max: 10 },
  clientDailyCap: { min: 1, max: 50 },
};

export const settingsChangeSchema = z.strictObject(
  {
    failureThreshold: range('The failure threshold', 1, 20).optional(),
    maxDepth: range('The loop depth limit', 1, 10).optional(),
    clientDailyCap: range("A client's daily automated messages", 1, 50).optional(),
    quietHours: z
      .strictObject({ start: clock, end: clock })
      .refine((q) => q.start !== q.end, { error: 'Invalid setting value. Quiet hours must start and end at different times. Use valid range: 00:00–23:59.' })
      .nullable()
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown setting: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'Settings must be an object.') },
);
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
