// What every bench process shares: its main run to the end (exit 0, or 1 with the error) under a hard time limit
// (exit 2 with a sentence), and a socket.io client socket opened once (no reconnection: the load decides).
import { io } from 'socket.io-client';

export function runMain(main, { limitMs, limitMessage }) {
  const hardStop = setTimeout(() => {
    console.error(limitMessage);
    process.exit(2);
  }, limitMs);
  hardStop.unref();
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** A websocket-only socket.io client: the socket once connected, or null with the refusal's message. */
export function openSocket(url, token, timeoutMs = 20_000) {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ socket: null, error: error.message });
    });
  });
}
