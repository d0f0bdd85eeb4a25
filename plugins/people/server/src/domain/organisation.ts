import { z } from 'zod';
import { settingText, settingsSection, type SettingRange } from '@switchboard/kit';
import { cleanText } from './profile';

/** API.md "Setup and system settings": the sentences a person reads about the organisation settings. */
export const ORGANISATION_SENTENCES = {
  timeZoneInvalid: 'Time zone must be an IANA time zone, like America/Los_Angeles.',
  /** The same refusal in OPS §3.8's settings sentence, for the organisation section of /setup/settings. */
  timeZoneSetting: 'Invalid setting value. The time zone must be an IANA time zone name, like America/Los_Angeles. Use valid range: a Region/City name from the IANA time zone database, or UTC.',
} as const;

export const ORGANISATION_NAME_MAX = 200;

// Region/City names (and UTC), never offsets like "+05:00" that Intl also accepts: windows follow daylight saving.
const ZONE_NAME = /^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/;

const knownSpellings = (): Map<string, string> => new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/**
 * The IANA time zone as it is spelled ("america/los_angeles" → "America/Los_Angeles"), or null when the text names
 * no zone this server knows. Links keep the name given (Asia/Kolkata stays Asia/Kolkata).
 */
export function ianaTimeZone(text: string): string | null {
  const candidate = text.trim();
  if (!ZONE_NAME.test(candidate)) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: candidate });
  } catch {
    return null;
  }
  return knownSpellings().get(candidate.toLowerCase()) ?? candidate;
}

const timeZoneWith = (sentence: string) =>
  z.string({ error: sentence }).transform((s, context) => {
    const zone = ianaTimeZone(s);
    if (zone === null) {
      context.addIssue({ code: 'custom', message: sentence });
      return z.NEVER;
    }
    return zone;
  });
const timeZone = timeZoneWith(ORGANISATION_SENTENCES.timeZoneInvalid);

/** PUT /people/organisation: a name, a time zone, or both. */
export const organisationUpdateSchema = z.strictObject(
  { name: cleanText('Organisation name', ORGANISATION_NAME_MAX).optional(), timeZone: timeZone.optional() },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${(issue as { keys: string[] }).keys.join(', ')} cannot be set here; the organisation settings are name and timeZone.`
        : 'Send the organisation settings as a JSON object, like {"timeZone": "America/Los_Angeles"}.',
  },
);
export type OrganisationUpdate = z.output<typeof organisationUpdateSchema>;

/**
 * The organisation section of the system settings (/setup/settings, OPS §3.8): the same settings, each refusal in
 * the settings sentence ("Invalid setting value. … Use valid range: …"), and the name's range for the page.
 */
export const organisationSettingsSchema = settingsSection({
  name: settingText('The organisation name', ORGANISATION_NAME_MAX).optional(),
  timeZone: timeZoneWith(ORGANISATION_SENTENCES.timeZoneSetting).optional(),
});
export const ORGANISATION_SETTING_RANGES: Record<'name', SettingRange> = { name: { min: 1, max: ORGANISATION_NAME_MAX } };
