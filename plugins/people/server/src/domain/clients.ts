import { z } from 'zod';
import { cleanText, tidyPhoneNumber } from './profile';

/** API.md "Clients and bookings": the sentences a person reads about a client. */
export const CLIENT_SENTENCES = {
  phoneTaken: 'Another client already has this phone number.',
  phoneInvalid: 'Phone must be a phone number, like (415) 555-0123, or +44 20 7946 0958 for a number outside the US and Canada.',
  notFound: 'Client not found. Check the link or search for the client again.',
} as const;

/** A field a client must have: blank, missing or null all read "<Field> is required." (not profile's "only spaces", which suits optional fields). */
const requiredText = (field: string, max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    z.string({ error: (issue) => (issue.input === undefined ? `${field} is required.` : `${field} must be text.`) }),
  ).pipe(cleanText(field, max));

const phone = requiredText('Phone', 40).transform((s, context) => {
  const e164 = tidyPhoneNumber(s);
  if (e164 === null) {
    context.addIssue({ code: 'custom', message: CLIENT_SENTENCES.phoneInvalid });
    return z.NEVER;
  }
  return e164;
});

const optionalText = (field: string, max: number) =>
  z.union([cleanText(field, max, 0), z.null()]).optional().transform((s) => (s === '' ? null : s));

const clientFields = {
  firstName: requiredText('First name', 100),
  lastName: optionalText('Last name', 100),
  phone,
  notes: optionalText('Notes', 2000),
};

const unknownKeys = (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `${issue.keys!.join(', ')} ${issue.keys!.length === 1 ? 'is not a client field' : 'are not client fields'}; the fields are firstName, lastName, phone and notes.`
    : 'Send the client as a JSON object.';

/** A new client: first name and phone required; the phone in any common format becomes E.164. */
export const clientCreateSchema = z.strictObject(clientFields, { error: unknownKeys });
/** A change to a client: any of its fields. */
export const clientUpdateSchema = z.strictObject(
  { firstName: clientFields.firstName.optional(), lastName: clientFields.lastName, phone: clientFields.phone.optional(), notes: clientFields.notes },
  { error: unknownKeys },
);
export type ClientCreate = z.output<typeof clientCreateSchema>;
export type ClientUpdate = z.output<typeof clientUpdateSchema>;

export interface ClientFields {
  firstName: string;
  lastName?: string | null;
  phone: string;
  notes?: string | null;
}

/** How a client reads to staff: first and last name. */
export const clientName = (c: { firstName: string; lastName?: string | null }): string => [c.firstName, c.lastName].filter(Boolean).join(' ');

/** DOMAIN.md: an SMS from an unknown phone creates a client named after the number, until someone names it. */
export const clientNamedAfterNumber = (e164: string): ClientFields => ({ firstName: e164, lastName: null, phone: e164, notes: null });

/** Whether the client still carries the name its first SMS gave it. */
export const isNamedAfterNumber = (c: { firstName: string; lastName?: string | null; phone: string }): boolean => c.firstName === c.phone && !c.lastName;
