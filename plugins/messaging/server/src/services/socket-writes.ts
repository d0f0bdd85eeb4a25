/**
 * One write a socket per turn of the event loop (issue 24). engine.io writes each packet to the network as soon as
 * it is emitted, and a WebSocket frame is one system call: a business socket heard a message's `message:new` and its
 * `conversation:updated` in two, the sender its ack, its echo and the update in three, and a staff socket every
 * message of a batch of sends in one each — about a fifth of the node's CPU at 1,200 msg/s went to those calls.
 *
 * Here a socket's packets wait until the end of the current turn (setImmediate: after the I/O callbacks that are
 * running, so everything emitted to it by a batch of sends is there) and then go out together: the connection is
 * corked while engine.io writes them, so the frames leave in one write. Order is engine.io's own (its write buffer);
 * nothing is dropped or added, and a closing socket still sends what it holds first.
 *
 * engine.io has no option for this: its socket's `flush` (the one place packets go to the transport, after every
 * packet, when a write finishes and after an upgrade) is wrapped per socket. `socket-writes.test.ts` holds it to
 * the installed engine.io: a real server and client, packets emitted in one turn arrive in order in one write.
 */

/** What this needs of an engine.io socket (engine.io `Socket`, not typed for its `flush`). */
interface EngineSocket {
  flush(): void;
  transport?: { name?: string; socket?: { _socket?: { cork(): void; uncork(): void; destroyed?: boolean } } };
}

export function coalesceWrites(socket: EngineSocket): void {
  const flushNow = socket.flush.bind(socket);
  let due = false;
  const flushDue = () => {
    due = false;
    // The WebSocket's TCP connection (ws keeps it as `_socket`); long-polling writes one response a poll anyway.
    const connection = socket.transport?.name === 'websocket' ? socket.transport.socket?._socket : undefined;
    if (!connection || connection.destroyed) return flushNow();
    connection.cork();
    try {
      flushNow();
    } finally {
      connection.uncork();
    }
  };
  socket.flush = () => {
    if (due) return;
    due = true;
    setImmediate(flushDue);
  };
}
