/**
 * The socket.io rooms of the real-time gateway (API.md "Real-time"), named once. Every socket sits in its person's
 * room and its session's room; staff also in `staff`, a business's users in their business's room; an open thread
 * adds its thread room (typing). Which app users hear about a conversation comes from domain/viewer.ts. Pure.
 */
import { appAudiences, userKey, type ConversationRecord, type Viewer } from './viewer';

export const STAFF_ROOM = 'staff';
export const personRoom = (viewerKey: string) => `viewer:${viewerKey}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const businessRoom = (businessId: number) => `business:${businessId}`;
export type ThreadAudience = 'staff' | 'app';
export const threadRoom = (conversationId: number, audience: ThreadAudience) => `conversation:${conversationId}:${audience}`;
export const threadAudienceOf = (viewer: Viewer): ThreadAudience => (viewer.kind === 'staff' ? 'staff' : 'app');

/** The rooms a socket joins at its handshake. */
export function handshakeRooms(viewer: Viewer, sessionId: string | null): string[] {
  return [
    personRoom(viewer.key),
    ...(sessionId ? [sessionRoom(sessionId)] : []),
    ...(viewer.kind === 'staff' ? [STAFF_ROOM] : []),
    ...(viewer.kind === 'business' && viewer.businessId ? [businessRoom(viewer.businessId)] : []),
  ];
}

// Viewers with no identity, to shape one payload for a whole room ("mine" is false for all of them).
export const anyStaff: Viewer = { kind: 'staff', key: '', adminId: 0, displayName: '', masqueradeBusinessIds: new Set() };
export const anyBusiness = (businessId: number): Viewer => ({ kind: 'business', key: '', userId: 0, displayName: '', businessId });
export const anyVa: Viewer = { kind: 'va', key: '', userId: 0, displayName: '' };
export const anySitter: Viewer = { kind: 'sitter', key: '', userId: 0, displayName: '' };

/** The app users (not staff) who may see a conversation, as rooms with the viewer to shape each payload for. */
export function appAudienceRooms(
  record: Pick<ConversationRecord, 'kind' | 'businessId' | 'vaUserId' | 'businessVisible' | 'sitterUserId'>,
): { room: string; viewer: Viewer }[] {
  return appAudiences(record).map((a) =>
    a.kind === 'business'
      ? { room: businessRoom(a.businessId), viewer: anyBusiness(a.businessId) }
      : { room: personRoom(userKey(a.userId)), viewer: a.kind === 'va' ? anyVa : anySitter },
  );
}
