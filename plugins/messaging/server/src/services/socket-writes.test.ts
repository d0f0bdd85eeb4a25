import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites } from './socket-writes';

/**
 * A real socket.io server (the installed engine.io and ws) and client over TCP: how many writes reach the server's
 * connection when it emits several events to one socket in one turn of the event loop.
 */
async function world(coalesce: boolean) {
  const server = http.createServer();
  const io = new Server(server);
  if (coalesce) io.engine.on('connection', coalesceWrites);
  const connected = new Promise<ServerSocket>((resolve) => io.on('connection', resolve));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client: ClientSocket = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { transports: ['websocket'] });
  const socket = await connected;
  await new Promise<void>((resolve) => (client.connected ? resolve() : client.once('connect', () => resolve())));
  // The server side of the TCP connection: every write that reaches it (one system call each).
  const raw = (socket.conn as unknown as { transport: { socket: { _socket: any } } }).transport.socket._socket;
  let writes = 0;
  for (const method of ['_write', '_writev'] as const) {
    const original = raw[method].bind(raw);
    raw[method] = (...args: unknown[]) => {
      writes += 1;
      return original(...args);
    };
  }
  return {
    io,
    socket,
    client,
    writes: () => writes,
    async close() {
      client.close();
      io.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Emits `count` events to the socket in one turn and waits until the client heard them all; answers what it heard. */
async function burst(w: Awaited<ReturnType<typeof world>>, count: number): Promise<number[]> {
  const heard: number[] = [];
  const all = new Promise<void>((resolve) =>
    w.client.on('tick', (n: number) => {
      heard.push(n);
      if (heard.length === count) resolve();
    }),
  );
  for (let n = 0; n < count; n++) w.socket.emit('tick', n);
  await all;
  return heard;
}

/** A fresh world, one burst of eight events to its socket: what the client heard and how many writes it took. */
async function eightInOneTurn(coalesce: boolean): Promise<{ heard: number[]; writes: number }> {
  const w = await world(coalesce);
  try {
    const before = w.writes();
    const heard = await burst(w, 8);
    return { heard, writes: w.writes() - before };
  } finally {
    await w.close();
  }
}

describe('coalesceWrites', () => {
  it("sends a socket's packets of one turn in one write, in order, and leaves the socket uncorked after", async () => {
    expect(await eightInOneTurn(true)).toEqual({ heard: [0, 1, 2, 3, 4, 5, 6, 7], writes: 1 });
    const w = await world(true);
    try {
      await burst(w, 3);
      const again = w.writes();
      expect(await burst(w, 3)).toEqual([0, 1, 2]);
      expect(w.writes() - again).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('without it, engine.io writes them one by one (what this measures)', async () => {
    const without = await eightInOneTurn(false);
    expect(without.heard).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(without.writes).toBeGreaterThan(1);
  });

  it('still sends what a socket holds when the server disconnects it in the same turn', async () => {
    const w = await world(true);
    try {
      const heard: string[] = [];
      const closed = new Promise<void>((resolve) => w.client.on('disconnect', () => resolve()));
      w.client.on('last', (text: string) => heard.push(text));
      w.socket.emit('last', 'before the close');
      w.socket.disconnect(true);
      await closed;
      expect(heard).toEqual(['before the close']);
    } finally {
      await w.close();
    }
  });
});
