import { isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164 everywhere (STYLE.md): what people type is parsed once here, and only valid numbers come out. */

/** A number as typed (spaces, dashes, brackets, an international prefix) in E.164, or null when it is not a valid phone number. */
export function toE164(input: string, defaultCountry: CountryCode = 'US'): string | null {
  // extract: false refuses text around the number ("Tel: …", "…x12 please") instead of guessing at it.
  const parsed = parsePhoneNumberFromString(input.trim(), { defaultCountry, extract: false });
  // An extension cannot receive a text; dropping it silently would message the main line.
  if (!parsed || parsed.ext || !parsed.isValid()) return null;
  return parsed.number;
}

/** Exactly E.164 and a valid number: parsing must give back the very same string (a plus and digits, nothing else). */
export function isE164(value: string): boolean {
  return isValidPhoneNumber(value) && parsePhoneNumberFromString(value)?.number === value;
}
