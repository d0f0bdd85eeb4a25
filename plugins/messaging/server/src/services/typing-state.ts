import { createHmac } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { Env } from '@switchboard/config';
import { ADMIN_TEAM } from '../domain/message-view';
import { personRoom, threadRoom, type ThreadAudience } from '../domain/rooms';
import type { ConversationRecord, Viewer } from '../domain/viewer';

/**
 * Who is typing where (API.md `typing`): ephemeral, kept in this node's memory, expiring on the server when a
 * client goes quiet or vanishes, and shown to app users under an identity that reveals no staff or user id.
 */
export function createTypingState(env: Env, io: () => Server | null) {
  const timers = new Map<string, NodeJS.Timeout>();
  // PRD §9: app users never see internal actor ids; a typist reaches them under an id that is stable but opaque.
  const secret = env.JWT_SECRET ?? env.APP_KEYS ?? 'switchboard-typing';
  const opaqueTypist = (key: string) => `typist:${createHmac('sha256', secret).update(key).digest('base64url').slice(0, 16)}`;

  function identity(record: ConversationRecord, viewer: Viewer, audience: ThreadAudience) {
    if (audience === 'staff') return { id: viewer.key, displayName: viewer.displayName };
    if (viewer.kind === 'staff') {
      if (record.kind === 'business_va' && record.businessId) return { id: `business:${record.businessId}`, displayName: record.businessName ?? 'Business' };
      // A sitter on a client thread reads staff as "Admin team" too (API.md "Sitters in the app").
      if (record.kind === 'business_admin' || record.kind === 'client') return { id: 'admin-team', displayName: ADMIN_TEAM };
    }
    return { id: opaqueTypist(viewer.key), displayName: viewer.displayName };
  }

  function emit(record: ConversationRecord, viewer: Viewer, typing: boolean, except?: Socket) {
    const server = io();
    if (!server) return;
    for (const audience of ['staff', 'app'] as const) {
      const payload = { conversationId: String(record.id), user: identity(record, viewer, audience), typing };
      const target = except ? except.to(threadRoom(record.id, audience)) : server.to(threadRoom(record.id, audience));
      target.except(personRoom(viewer.key)).emit('typing', payload);
    }
  }

  return {
    /** Someone started or stopped typing in a conversation; `socket` is theirs when it came over one. */
    set(record: ConversationRecord, viewer: Viewer, typing: boolean, socket: Socket | null): void {
      const key = `${viewer.key}|${record.id}`;
      const timer = timers.get(key);
      if (timer) clearTimeout(timer);
      timers.delete(key);
      if (typing) {
        timers.set(
          key,
          setTimeout(() => {
            timers.delete(key);
            socket?.data.typingIn?.delete(record.id);
            emit(record, viewer, false);
          }, env.TYPING_EXPIRY_MS).unref(),
        );
        socket?.data.typingIn?.add(record.id);
      } else {
        socket?.data.typingIn?.delete(record.id);
      }
      emit(record, viewer, typing, socket ?? undefined);
    },

    clear(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type TypingState = ReturnType<typeof createTypingState>;
