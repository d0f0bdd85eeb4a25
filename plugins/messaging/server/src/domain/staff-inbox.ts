import { z } from 'zod';
import type { ConversationKind, RouteType } from './route-matrix';

/**
 * The staff inbox's rules: which message a staff member composes in each kind of conversation, when
 * "Reply as <Business>" is offered, and the input of masquerade grant management (PRD §6.1, §9).
 */

export interface StaffCapabilities {
  send: boolean;
  masquerade: boolean;
  manageGrants: boolean;
  readAudit: boolean;
}

/** The route type a staff compose box sends in this kind of conversation. */
export function staffRouteFor(kind: ConversationKind): RouteType {
  switch (kind) {
    case 'business_admin':
      return 'ADMIN_TO_BUSINESS';
    case 'admin_va':
      return 'ADMIN_TO_VA_PRIVATE';
    case 'business_va':
      return 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS';
    case 'admin_sitter':
      return 'ADMIN_TO_SITTER_PRIVATE';
    case 'client':
      return 'STAFF_TO_CLIENT';
  }
}

export type MasqueradeOffer = { offered: true; businessId: number } | { offered: false; reason: string };

/**
 * Whether this staff member may reply as the conversation's business. The server re-checks on every send;
 * this decides what the page offers and says why not.
 */
export function masqueradeOffer(
  conversation: { kind: ConversationKind; businessId: number | null; businessName: string | null },
  staff: { canMasquerade: boolean; grantedBusinessIds: ReadonlySet<number>; featureOn: boolean },
): MasqueradeOffer {
  const business = conversation.businessName ?? 'this business';
  if (conversation.kind !== 'business_va' || conversation.businessId === null) {
    return { offered: false, reason: 'Replying as a business is only possible in a business thread with a VA.' };
  }
  if (!staff.featureOn) return { offered: false, reason: 'Replying as a business is turned off for now.' };
  if (!staff.canMasquerade || !staff.grantedBusinessIds.has(conversation.businessId)) {
    return { offered: false, reason: `You do not have permission to reply as ${business}. Ask an owner for a masquerade grant.` };
  }
  return { offered: true, businessId: conversation.businessId };
}

const entityId = (field: string, what: string) =>
  z
    .union([z.string(), z.number()], { error: `${field} must be the id of ${what}.` })
    .transform((v) => String(v))
    .refine((v) => /^[1-9]\d{0,9}$/.test(v), { error: `${field} must be the id of ${what}.` })
    .transform(Number);

/** POST /messaging/masquerade-grants. */
export const grantInputSchema = z.strictObject(
  { adminUserId: entityId('adminUserId', 'an admin user'), businessId: entityId('businessId', 'a business') },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not part of a masquerade grant.` : 'Send the grant as a JSON object with adminUserId and businessId.') },
);
export type GrantInput = z.infer<typeof grantInputSchema>;

/** :id of DELETE /messaging/masquerade-grants/:id. */
export const grantIdSchema = entityId('id', 'a masquerade grant');

/** A phone search needs this many digits, so a "2" in a name search does not match every number. */
const MIN_PHONE_DIGITS = 3;

/** The digits of a staff search when it could be (part of) a phone number, else null. */
export function phoneDigits(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** An ILIKE pattern matching the text anywhere, with `\` as escape: %, _ and \ in the text match only themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
