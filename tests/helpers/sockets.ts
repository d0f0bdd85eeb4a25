import { io, type Socket } from 'socket.io-client';

export interface RecordingSocket {
  socket: Socket;
  /** Every server event received so far, in order. */
  events: { event: string; payload: any }[];
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(event: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  ack(event: string, payload: unknown): Promise<any>;
  close(): void;
}

/** A real socket.io client on the test server, recording every event it hears. */
export async function connectSocket(baseUrl: string, token: string | undefined): Promise<RecordingSocket> {
  const socket = io(baseUrl, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: { event: string; payload: any }[] = [];
  const waiters: { event: string; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.onAny((event, payload) => {
    events.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return {
    socket,
    events,
    waitFor(event, match = () => true, timeoutMs = 5_000) {
      const seen = events.find((e) => e.event === event && match(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ event, match, resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
    ack: (event, payload) => socket.timeout(5_000).emitWithAck(event, payload),
    close: () => socket.close(),
  };
}

/** The connect_error message the server gives for these credentials. */
export async function handshakeError(baseUrl: string, auth: Record<string, unknown>): Promise<string> {
  const socket = io(baseUrl, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}
