import type { Core } from '@strapi/strapi';
import type { Server } from 'socket.io';
import { shapeMessage, type StoredMessage } from '../domain/message-view';
import { STAFF_ROOM, anyBusiness, anySitter, anyStaff, anyVa, appAudienceRooms, personRoom } from '../domain/rooms';
import type { ConversationRecord, Viewer } from '../domain/viewer';
import { getService } from '../get-service';

/** The payload's viewer for the sender's own sockets: "mine", shaped for their kind. */
function senderViewer(message: StoredMessage, record: ConversationRecord): Viewer {
  if (message.senderRole === 'staff') return { ...anyStaff, key: message.senderKey };
  if (message.senderRole === 'business') return { ...anyBusiness(record.businessId ?? 0), key: message.senderKey };
  if (message.senderRole === 'sitter') return { ...anySitter, key: message.senderKey };
  return { ...anyVa, key: message.senderKey };
}

/**
 * Publishing (API.md "Real-time", server → client): message:new and message:updated to everyone who may see the
 * conversation, shaped for each room, and conversation:updated with each recipient's own unread count. With the
 * Postgres adapter, room emits reach every node; conversation:updated is computed by each node for its own sockets.
 */
export function createFanOut(strapi: Core.Strapi, io: () => Server | null, crossNode: () => boolean) {
  async function emitConversationUpdates(conversationId: number, onlyViewerKey: string | null): Promise<void> {
    const server = io();
    if (!server) return;
    const conversations = getService(strapi, 'conversations');
    const record = await conversations.findRecord(conversationId);
    if (!record) return;
    const rooms = onlyViewerKey ? [personRoom(onlyViewerKey)] : [STAFF_ROOM, ...appAudienceRooms(record).map((a) => a.room)];
    const sockets = await server.local.in(rooms).fetchSockets();
    const byViewer = new Map<string, typeof sockets>();
    for (const s of sockets) {
      const key = (s.data.viewer as Viewer).key;
      byViewer.set(key, [...(byViewer.get(key) ?? []), s]);
    }
    const groups = [...byViewer.values()];
    const views = await conversations.viewsOfOne(groups.map((group) => group[0].data.viewer as Viewer), record);
    groups.forEach((group, i) => {
      for (const s of group) s.emit('conversation:updated', { conversation: views[i] });
    });
  }

  function emitToAudiences(event: 'message:new' | 'message:updated', record: ConversationRecord, message: StoredMessage): void {
    const server = io()!;
    const sender = personRoom(message.senderKey);
    server.to(STAFF_ROOM).except(sender).emit(event, { message: shapeMessage(message, anyStaff) });
    for (const audience of appAudienceRooms(record)) server.to(audience.room).except(sender).emit(event, { message: shapeMessage(message, audience.viewer) });
    server.to(sender).emit(event, { message: shapeMessage(message, senderViewer(message, record)) });
  }

  const fanOut = {
    /** Another node asked for conversation:updated (through the adapter). */
    emitConversationUpdates,

    /** conversation:updated, with each recipient's own unread count, on every node. */
    async conversationChanged(record: ConversationRecord, options: { onlyViewerKey?: string } = {}): Promise<void> {
      const server = io();
      if (!server) return;
      if (crossNode()) server.serverSideEmit('sb:conversation', record.id, options.onlyViewerKey ?? null);
      await emitConversationUpdates(record.id, options.onlyViewerKey ?? null);
    },

    /** message:new to everyone who may see the conversation, shaped for each; the sender's sockets get it as theirs. */
    async publishMessage(record: ConversationRecord, message: StoredMessage, committedAt?: number): Promise<void> {
      if (!io()) return;
      emitToAudiences('message:new', record, message);
      if (committedAt !== undefined) getService(strapi, 'metrics').deliveredAfterCommit(committedAt);
      // The sender's ack need not wait for everyone's unread counts (the benchmark's ack latency).
      fanOut.conversationChanged(record).catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
    },

    /** message:updated (delivery state, edits) to everyone who may see the conversation. */
    async publishUpdate(record: ConversationRecord, message: StoredMessage): Promise<void> {
      if (!io()) return;
      emitToAudiences('message:updated', record, message);
    },
  };
  return fanOut;
}

export type FanOut = ReturnType<typeof createFanOut>;
