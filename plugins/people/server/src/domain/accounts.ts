import { z } from 'zod';
import { APP_ROLES, type AppRole } from './roles';
import { cleanText } from './profile';

/** API.md "Admin pickers", POST /people/accounts: the sentences a person reads about a new account. */
export const ACCOUNT_SENTENCES = {
  emailTaken: 'An account with this e-mail already exists.',
  role: 'Role must be business, va or sitter.',
  email: 'E-mail must be an e-mail address, like sam@example.com.',
  businessName: 'Business name is required for a business account.',
  invitationFailed: 'The invitation e-mail could not be sent, so no account was created. Check the e-mail provider settings and try again.',
} as const;

/** POST /people/accounts: who the account is for; a business also names the business. The e-mail is kept lower-case. */
export const accountCreateSchema = z
  .strictObject(
    {
      role: z.enum(APP_ROLES, { error: ACCOUNT_SENTENCES.role }),
      email: cleanText('E-mail', 254)
        .pipe(z.email({ error: ACCOUNT_SENTENCES.email }))
        .transform((s) => s.toLowerCase()),
      displayName: cleanText('Display name', 200),
      businessName: cleanText('Business name', 200).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `${(issue as { keys: string[] }).keys.join(', ')} cannot be set on a new account; send role, email, displayName and, for a business, businessName.`
          : 'Send the account as a JSON object, like {"role": "sitter", "email": "sam@example.com", "displayName": "Sam Sitter"}.',
    },
  )
  .superRefine((account, context) => {
    if (account.role === 'business' && !account.businessName) context.addIssue({ code: 'custom', path: ['businessName'], message: ACCOUNT_SENTENCES.businessName });
  });
export type AccountCreate = z.output<typeof accountCreateSchema>;

/** The profile each kind of account starts with; a sitter starts inactive (OPS §4.1: an owner activates them). */
export function initialProfile(account: AccountCreate): { kind: AppRole; data: Record<string, unknown> } {
  if (account.role === 'business') return { kind: 'business', data: { name: account.businessName, contactName: account.displayName, email: account.email } };
  if (account.role === 'va') return { kind: 'va', data: { displayName: account.displayName } };
  return { kind: 'sitter', data: { displayName: account.displayName, active: false } };
}

// No look-alikes (0/O, 1/l/I): the Owner reads it out or types it into a message.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

/**
 * A one-time password of `length` characters with a lower-case letter, an upper-case letter and a digit.
 * `randomInt(n)` answers 0…n-1 (crypto's in the service; a fixed sequence in tests).
 */
export function oneTimePassword(length: number, randomInt: (n: number) => number): string {
  if (length < 8) throw new Error('A one-time password needs at least 8 characters.');
  const chars = [LOWER[randomInt(LOWER.length)], UPPER[randomInt(UPPER.length)], DIGITS[randomInt(DIGITS.length)]];
  while (chars.length < length) chars.push(ALPHABET[randomInt(ALPHABET.length)]);
  // Fisher–Yates, so the three required kinds are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * How invitations go out: by e-mail when Strapi's e-mail plugin has a provider other than its default `sendmail`
 * (which needs a mail server this deployment does not have), else as a one-time password shown once.
 */
export const sendsInvitationEmail = (emailProvider: unknown): boolean => typeof emailProvider === 'string' && emailProvider !== '' && emailProvider !== 'sendmail';

/** The set-password link of an invitation: users-permissions' reset-password page with the code. */
export function invitationLink(resetPasswordUrl: string, code: string): string {
  const url = new URL(resetPasswordUrl);
  url.searchParams.set('code', code);
  return url.toString();
}
