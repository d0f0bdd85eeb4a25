import { z } from 'zod';
import { cleanText } from './profile';

/** API.md "Setup and system settings": the sentences a person reads about the organisation settings. */
export const ORGANISATION_SENTENCES = {
  timeZoneInvalid: 'Time zone must be an IANA time zone, like America/Los_Angeles.',
} as const;

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

const timeZone = z.string({ error: ORGANISATION_SENTENCES.timeZoneInvalid }).transform((s, context) => {
  const zone = ianaTimeZone(s);
  if (zone === null) {
    context.addIssue({ code: 'custom', message: ORGANISATION_SENTENCES.timeZoneInvalid });
    return z.NEVER;
  }
  return zone;
});

/** PUT /people/organisation: a name, a time zone, or both. */
export const organisationUpdateSchema = z.strictObject(
  { name: cleanText('Organisation name', 200).optional(), timeZone: timeZone.optional() },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${(issue as { keys: string[] }).keys.join(', ')} cannot be set here; the organisation settings are name and timeZone.`
        : 'Send the organisation settings as a JSON object, like {"timeZone": "America/Los_Angeles"}.',
  },
);
export type OrganisationUpdate = z.output<typeof organisationUpdateSchema>;
