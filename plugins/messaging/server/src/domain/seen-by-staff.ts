/**
 * Issue 13 item 8: "Seen by Admin team". An app user learns that the Admin team has read their thread only where the
 * Admin team is who they talk to: a business in its business_admin thread, a VA in their admin_va thread, a sitter in
 * their admin_sitter thread. Never in a business_va thread (staff there speak as the business: a read mark would
 * give the masquerade away) nor anywhere that would tell which staff member read it. Pure.
 */
import type { ConversationRecord } from './viewer';

type AppViewerKind = 'business' | 'va' | 'sitter';

const SEEN_BY_STAFF: Readonly<Record<ConversationRecord['kind'], readonly AppViewerKind[]>> = {
  business_admin: ['business'],
  admin_va: ['va'],
  admin_sitter: ['sitter'],
  business_va: [],
  client: [],
};

/** Whether this viewer of a conversation of this kind is told how far the Admin team has read. */
export function showsSeenByStaff(kind: ConversationRecord['kind'], viewerKind: AppViewerKind | 'staff'): boolean {
  return viewerKind !== 'staff' && SEEN_BY_STAFF[kind].includes(viewerKind);
}

/** The app users of a conversation of this kind who are told (the socket's audiences). */
export function seenByStaffAudienceKinds(kind: ConversationRecord['kind']): readonly AppViewerKind[] {
  return SEEN_BY_STAFF[kind];
}

/** Read marks of staff are the ones whose reader key is a staff key (domain/viewer.ts `staffKey`): a SQL LIKE pattern. */
export const STAFF_READER_PATTERN = 'admin:%';
