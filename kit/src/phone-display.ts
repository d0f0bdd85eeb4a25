import { parsePhoneNumberFromString } from 'libphonenumber-js';

const NORTH_AMERICAN = /^\+1(\d{3})(\d{3})(\d{4})$/;

/**
 * The one way a person reads a phone number anywhere in Switchboard's admin pages and sentences: North American
 * numbers as OPS §3.1 shows them, "+1 (415) 555-0120"; other countries in international format ("+44 20 7946 0958");
 * anything that is not a phone number stays as it was given, so a label is never lost.
 */
export function displayNumber(e164: string): string {
  const nanp = NORTH_AMERICAN.exec(e164);
  if (nanp) return `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return e164;
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isPossible() ? parsed.formatInternational() : e164;
}
