import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { defaults } from '@switchboard/config';

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
    .string({ error: `${field} must be text.` })
    .refine((s) => !HAS_NUL.test(s) && !HAS_LONE_SURROGATE.test(s), { error: `${field} contains characters that are not allowed.` })
    .transform((s) => s.trim())
    .refine((s) => s.length >= min, { error: min > 1 ? `${field} must be at least ${min} characters long.` : `${field} cannot be empty; send null to clear it.` })
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

const profileFieldSchemas = {
  name: cleanText('name', 200),
  contactName: cleanText('contactName', 200),
  email: cleanText('email', 254).pipe(z.email({ error: 'email must be an email address, like owner@example.com.' })),
  phone: cleanText('phone', 20).refine((s) => /^\+[1-9]\d{6,14}$/.test(s) && isValidPhoneNumber(s), {
    error: 'phone must be a phone number in international format, like +14155550123.',
  }),
  address: cleanText('address', 500),
  website: httpUrl('website'),
  description: cleanText('description', 2000, 20),
  serviceArea: cleanText('serviceArea', 200),
  businessHours: cleanText('businessHours', 500),
  logoUrl: httpUrl('logoUrl'),
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

const isFilled = (field: ProfileField, value: string | null | undefined): boolean => {
  if (value === null || value === undefined) return false;
  return profileFieldSchemas[field].safeParse(value).success;
};

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
