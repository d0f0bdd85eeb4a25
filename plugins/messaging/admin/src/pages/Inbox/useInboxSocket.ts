import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Conversation, Message, TypingEvent } from '../../api';
import { resyncDelayMs } from '../../../../server/src/domain/delivery-sequence';

export interface InboxSocketHandlers {
  onMessage(message: Message, kind: 'new' | 'updated'): void;
  onConversation(conversation: Conversation): void;
  onTyping(event: TypingEvent): void;
  /** After a reconnect; `sinceId` when the server asked for a resync from before a gap (`sync:needed`, issue 25). */
  onReconnect(sinceId?: string): void;
}

export type SocketStatus = 'connecting' | 'connected' | 'offline';

/** The staff socket (API.md "Real-time") on the Strapi server, authenticated with the admin token. */
export function useInboxSocket(token: string | null, handlers: InboxSocketHandlers) {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const [socket, setSocket] = useState<Socket | null>(null);
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return undefined;
    const backend = (window as any).strapi?.backendURL || window.location.origin;
    // The token is read on every (re)connect, so a renewed admin session reconnects with the new one.
    const s = io(backend, { auth: (cb) => cb({ token: tokenRef.current }), transports: ['websocket', 'polling'] });
    let connectedOnce = false;
    s.on('connect', () => {
      setStatus('connected');
      setProblem(null);
      if (connectedOnce) handlersRef.current.onReconnect();
      connectedOnce = true;
    });
    s.on('disconnect', (reason) => {
      setStatus('offline');
      // The server closes a socket whose token expired or whose session ended (socket.io will not retry by itself):
      // come back with the newest token; a refused handshake then says why.
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1_000);
    });
    s.on('session:ended', ({ message }: { message: string }) => setProblem(message));
    s.on('connect_error', (error) => {
      setStatus('offline');
      setProblem(error.message);
    });
    s.on('message:new', ({ message }) => handlersRef.current.onMessage(message, 'new'));
    s.on('message:updated', ({ message }) => handlersRef.current.onMessage(message, 'updated'));
    s.on('conversation:updated', ({ conversation }) => handlersRef.current.onConversation(conversation));
    s.on('typing', (event) => handlersRef.current.onTyping(event));
    // This socket's node missed live events from another node: fetch what was missed, as after a reconnect.
    s.on('sync:needed', ({ sinceId, spreadMs }: { sinceId: string; spreadMs: number }) => {
      // At a random moment within the spread the server asks for, so a node's sockets do not all ask at once.
      setTimeout(() => handlersRef.current.onReconnect(sinceId), resyncDelayMs(spreadMs));
    });
    setSocket(s);
    return () => {
      s.close();
      setSocket(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [Boolean(token)]);

  // A renewed admin token reconnects a socket the server closed (an expired token, say).
  useEffect(() => {
    if (token && socket && !socket.connected) socket.connect();
  }, [token, socket]);

  return { socket, status, problem };
}
