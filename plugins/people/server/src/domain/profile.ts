import { z } from 'zod';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { defaults } from '@switchboard/config';
import { boundedMemo } from '@switchboard/kit';

/** API.md "Profile": the ten fields, 10 points each, in the order the dashboard form shows them. */
export const PROFILE_FIELDS = [
  'name',
  'contactName',
  'email',
  'phone',
  'address',
  'website',
  'description',
  'serviceArea',
  'businessHours',
  'logoUrl',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type BusinessProfileFields = Partial<Record<ProfileField, string | null>>;

const HUMAN_NAMES: Record<ProfileField, string> = {
  name: 'Business name',
  contactName: 'Contact name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  website: 'Website',
  description: 'Description',
  serviceArea: 'Service area',
  businessHours: 'Business hours',
  logoUrl: 'Logo URL',
};
export const profileFieldLabel = (field: ProfileField): string => HUMAN_NAMES[field];

// eslint-disable-next-line no-control-regex
const HAS_NUL = /\u0000/;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string a person could have typed: no NUL bytes, no broken UTF-16. */
export const cleanText = (field: string, max: number, min = 1) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required.` : `${field} must be text.`) })
    .refine((s) => !HAS_NUL.test(s) && !HAS_LONE_SURROGATE.test(s), { error: `${field} contains characters that are not allowed.` })
    .transform((s) => s.trim())
    .refine((s) => s.length >= min, { error: min > 1 ? `${field} must be at least ${min} characters long.` : `${field} cannot be only spaces; leave it empty to clear it.` })
    .refine((s) => s.length <= max, { error: `${field} must be at most ${max.toLocaleString('en-US')} characters long.` });

const httpUrl = (field: string) =>
  cleanText(field, 2048).refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { error: `${field} must be a web address starting with http:// or https://.` },
  );

/** A number written without its country code (like (415) 555-0123) is read as a North American one, as the demo's are. */
export const NATIONAL_NUMBER_COUNTRY: CountryCode = 'US';

const PHONE_PROBLEM = `${HUMAN_NAMES.phone} must be a phone number, like (415) 555-0123, or +44 20 7946 0958 for a number outside the US and Canada.`;

/**
 * A phone number in any common format ("(415) 555-0123", "415.555.0123", "+44 20 7946 0958", "0044 20 7946 0958"),
 * tidied to E.164 ("+14155550123"); null when it is not a valid number. Pure. Remembered by text: a business's gating
 * reads its profile's phone number on its sends (issue 24), and parsing it again each time was about 2 % of a node's CPU.
 */
export const tidyPhoneNumber = boundedMemo(5_000, (typed: string): string | null => {
  const international = typed.trim().replace(/^00(?=[1-9])/, '+');
  if (!/^[+\d\s().\-/]+$/.test(international)) return null;
  const parsed = parsePhoneNumberFromString(international, NATIONAL_NUMBER_COUNTRY);
  return parsed && parsed.isValid() ? parsed.number : null;
});


const phoneNumber = cleanText(HUMAN_NAMES.phone, 40).transform((s, context) => {
  const e164 = tidyPhoneNumber(s);
  if (e164 === null) {
    context.addIssue({ code: 'custom', message: PHONE_PROBLEM });
    return z.NEVER;
  }
  return e164;
});

const profileFieldSchemas = {
  name: cleanText(HUMAN_NAMES.name, 200),
  contactName: cleanText(HUMAN_NAMES.contactName, 200),
  email: cleanText(HUMAN_NAMES.email, 254).pipe(z.email({ error: `${HUMAN_NAMES.email} must be an email address, like owner@example.com.` })),
  phone: phoneNumber,
  address: cleanText(HUMAN_NAMES.address, 500),
  website: httpUrl(HUMAN_NAMES.website),
  description: cleanText(HUMAN_NAMES.description, 2000, 20),
  serviceArea: cleanText(HUMAN_NAMES.serviceArea, 200),
  businessHours: cleanText(HUMAN_NAMES.businessHours, 500),
  logoUrl: httpUrl(HUMAN_NAMES.logoUrl),
} satisfies Record<ProfileField, z.ZodType>;

/** PUT /api/profile: any of the ten fields; null clears one; unknown keys are refused. */
export const profileUpdateSchema = z.strictObject(
  Object.fromEntries(PROFILE_FIELDS.map((f) => [f, profileFieldSchemas[f].nullable().optional()])) as {
    [K in ProfileField]: z.ZodOptional<z.ZodNullable<(typeof profileFieldSchemas)[K]>>;
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} ${issue.keys.length === 1 ? 'is not a profile field' : 'are not profile fields'}; the fields are ${PROFILE_FIELDS.join(', ')}.`
        : 'Send the profile fields as a JSON object.',
  },
);
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/**
 * Whether a field holds a valid value, remembered per field by value: a business's gating scores its profile on its
 * sends (issue 24), and validating the ten fields each time was about 3 % of a node's CPU.
 */
const isValid = Object.fromEntries(
  PROFILE_FIELDS.map((field) => [field, boundedMemo(2_000, (value: string) => profileFieldSchemas[field].safeParse(value).success)]),
) as Record<ProfileField, (value: string) => boolean>;

const isFilled = (field: ProfileField, value: string | null | undefined): boolean => value !== null && value !== undefined && isValid[field](value);

export interface Completeness {
  /** 0–100, an integer. */
  percent: number;
  missingFields: ProfileField[];
}

/** API.md "Profile": each of the ten fields that holds a valid value is worth 10 points. */
export function profileCompleteness(profile: BusinessProfileFields): Completeness {
  const missingFields = PROFILE_FIELDS.filter((f) => !isFilled(f, profile[f]));
  const weight = 100 / PROFILE_FIELDS.length;
  return { percent: Math.round((PROFILE_FIELDS.length - missingFields.length) * weight), missingFields };
}

export interface Gating {
  canCompose: boolean;
  reason?: string;
  cta?: { label: string; href: '/dashboard' };
}

/** PRD §6.2: a Business below the threshold may not compose; other roles are never gated. */
export function gatingDecision(role: string, completenessPercent: number | null, threshold: number = defaults.profileGatingThreshold): Gating {
  if (role !== 'business') return { canCompose: true };
  const percent = completenessPercent ?? 0;
  if (percent >= threshold) return { canCompose: true };
  return {
    canCompose: false,
    reason: `Your business profile is ${percent}% complete. Complete at least ${threshold}% of it on the Dashboard to message the Admin team.`,
    cta: { label: 'Complete your profile', href: '/dashboard' },
  };
}
