// The floor (issue 24): a bare socket.io server with no Strapi, on the bench's Postgres. It takes each
// `message:send`, does one INSERT, acknowledges, and fans the message out to the same sockets Switchboard would
// (the staff room and the conversation's business sockets, the sender's own included), so a load point run against
// it shows what this machine can do at all; Switchboard's capacity is reported as a share of it.
// Tokens are not checked: "staff" joins the staff room, "business:<conversationId>" that conversation's room.
// Prints "ready <port>" when it listens; stops on SIGTERM; answers the bench's memory probe on SIGUSR2 (lib/memory-probe.cjs).
import http from 'node:http';
import { Server } from 'socket.io';
import pg from 'pg';
import memoryProbe from './lib/memory-probe.cjs';

const { installMemoryProbe } = memoryProbe;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  `CREATE TABLE IF NOT EXISTS floor_message (
     id bigserial PRIMARY KEY, conversation_id integer NOT NULL, body_text text NOT NULL,
     idempotency_key text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (conversation_id, idempotency_key))`,
);

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
const io = new Server(server);

io.use((socket, next) => {
  const token = socket.handshake.auth?.token;
  if (token === 'staff') socket.data.rooms = ['staff'];
  else if (typeof token === 'string' && /^business:\d+$/.test(token)) socket.data.rooms = [`c:${token.slice('business:'.length)}`];
  else return next(new Error('token is "staff" or "business:<conversationId>"'));
  next();
});

io.on('connection', (socket) => {
  socket.join(socket.data.rooms);
  socket.on('message:send', async (payload, ack) => {
    if (typeof ack !== 'function') return;
    const conversationId = Number(payload?.conversationId);
    if (!Number.isInteger(conversationId) || typeof payload?.bodyHtml !== 'string' || typeof payload?.idempotencyKey !== 'string') {
      ack({ ok: false, error: { status: 400, message: 'conversationId, idempotencyKey and bodyHtml are required.' } });
      return;
    }
    try {
      const { rows } = await pool.query('INSERT INTO floor_message (conversation_id, body_text, idempotency_key) VALUES ($1, $2, $3) RETURNING id, created_at', [
        conversationId,
        payload.bodyHtml,
        payload.idempotencyKey,
      ]);
      const message = { id: String(rows[0].id), conversationId: String(conversationId), bodyText: payload.bodyHtml, createdAt: rows[0].created_at.toISOString() };
      ack({ ok: true, message });
      io.to(['staff', `c:${conversationId}`]).emit('message:new', { message });
    } catch (error) {
      ack({ ok: false, error: { status: 500, message: String(error) } });
    }
  });
});

installMemoryProbe();
server.listen(0, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
const stop = () => io.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
