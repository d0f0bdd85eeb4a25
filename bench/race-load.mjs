// A fault run's load (issue 25): cross-node races on two nodes (the Postgres adapter), in two rounds.
// 1. One key, two nodes: for each of `keyRaces` messages, a business sends the same idempotency key at the same moment
//    over HTTP to node A and over its socket on node B; both answers must name one message, the database must hold
//    it once, and the two staff sockets (one on each node) must hear it once.
// 2. Two senders, two nodes, one conversation: in each of `orderConversations` conversations the business (socket on A)
//    and a staff member (socket on B) each send `perSender` messages one after another, both at once; every viewer
//    (staff on A and on B, a second business socket on B) must hear each message once, and in orderingKey order they
//    must be the history's order (GET …/messages); each sender's own messages keep the order they were sent in.
// Usage: node bench/race-load.mjs <plan.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openSocket, runMain } from './lib/process.mjs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const resultFile = process.argv[3];
const { urlA, urlB, staffTokens, businesses, runTag, databaseUrl, keyRaces, orderConversations, perSender } = plan;
const ACK_TIMEOUT_MS = 10_000;
const byOrderingKey = (x, y) => (BigInt(x.orderingKey) < BigInt(y.orderingKey) ? -1 : BigInt(x.orderingKey) > BigInt(y.orderingKey) ? 1 : 0);
const errorSamples = [];
const sample = (line) => errorSamples.length < 5 && errorSamples.push(line);

async function connect(url, token) {
  const { socket, error } = await openSocket(url, token);
  if (!socket) throw new Error(`connect: ${error}`);
  const heard = [];
  socket.on('message:new', ({ message }) => message?.bodyText?.startsWith(runTag) && heard.push(message));
  return { socket, heard };
}

const until = async (check, ms) => {
  const end = performance.now() + ms;
  while (!check() && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
};

async function keyRacesRound(staffOnA, staffOnB) {
  const tags = [];
  const mismatched = [];
  const started = performance.now();
  // A few businesses at a time, each racing its own key: HTTP to A and the socket on B at the same moment.
  const chosen = businesses.slice(0, Math.min(businesses.length, 25));
  const sockets = await Promise.all(chosen.map((b) => connect(urlB, b.token)));
  let next = 0;
  await Promise.all(
    chosen.map(async (b, i) => {
      while (next < keyRaces) {
        const n = next++;
        const tag = `${runTag}-key-${n}`;
        tags.push(tag);
        const body = { idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: tag };
        const [http, ack] = await Promise.all([
          fetch(`${urlA}/api/conversations/${b.conversationId}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${b.token}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) })),
          sockets[i].socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { conversationId: String(b.conversationId), ...body }).catch(() => null),
        ]);
        const httpId = http.body?.data?.id;
        if (!ack?.ok || !httpId || ack.message.id !== httpId || ![200, 201].includes(http.status)) {
          mismatched.push(tag);
          sample(`key race ${n}: HTTP ${http.status} ${httpId ?? JSON.stringify(http.body?.error)}, socket ${ack?.ok ? ack.message.id : JSON.stringify(ack?.error ?? 'no ack')}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const heardOnce = (viewer) => tags.every((t) => viewer.heard.filter((m) => m.bodyText === t).length === 1);
  await until(() => heardOnce(staffOnA) && heardOnce(staffOnB), 15_000);
  const heardTwice = [staffOnA, staffOnB].reduce((n, v) => n + tags.filter((t) => v.heard.filter((m) => m.bodyText === t).length > 1).length, 0);
  const notHeard = [staffOnA, staffOnB].reduce((n, v) => n + tags.filter((t) => !v.heard.some((m) => m.bodyText === t)).length, 0);
  for (const s of sockets) s.socket.close();
  return { races: tags.length, seconds, answersDisagreeing: mismatched.length, staffHeardTwice: heardTwice, staffNotHeard: notHeard, tags };
}

async function orderRound(staffOnA, staffOnB) {
  const chosen = businesses.slice(25, 25 + orderConversations);
  const results = await Promise.all(
    chosen.map(async (b) => {
      const businessOnA = await connect(urlA, b.token);
      const viewerOnB = await connect(urlB, b.token);
      const tag = `${runTag}-order-${b.conversationId}`;
      const sendAll = async (socket, who, routeType) => {
        const answers = [];
        for (let i = 0; i < perSender; i += 1) {
          answers.push(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { conversationId: String(b.conversationId), idempotencyKey: randomUUID(), routeType, bodyHtml: `${tag} ${who} ${i}` }).catch(() => null));
        }
        return answers;
      };
      const acks = (await Promise.all([sendAll(businessOnA.socket, 'business', 'BUSINESS_TO_ADMIN'), sendAll(staffOnB.socket, 'admin', 'ADMIN_TO_BUSINESS')])).flat();
      const failedSends = acks.filter((a) => !a?.ok).length;
      const ids = new Set(acks.filter((a) => a?.ok).map((a) => a.message.id));
      // Each person's own messages keep their sending order.
      let senderOrderBroken = 0;
      for (const who of ['business', 'admin']) {
        const mine = acks.filter((a) => a?.ok && a.message.bodyText.startsWith(`${tag} ${who} `)).map((a) => a.message);
        if ([...mine].sort(byOrderingKey).map((m) => m.bodyText).join() !== mine.map((m) => m.bodyText).join()) senderOrderBroken += 1;
      }
      // The history, as staff read it.
      const res = await fetch(`${urlA}/messaging/conversations/${b.conversationId}/messages?limit=100`, { headers: { Authorization: `Bearer ${staffTokens[0]}` } });
      const history = ((await res.json()).data ?? []).filter((m) => m.bodyText.startsWith(tag)).map((m) => m.id);
      const viewers = [staffOnA, staffOnB, viewerOnB];
      const mine = (v) => v.heard.filter((m) => ids.has(m.id));
      await until(() => viewers.every((v) => mine(v).length >= ids.size), 15_000);
      let viewersOutOfOrder = 0;
      let heardTwice = 0;
      let notHeard = 0;
      for (const v of viewers) {
        const heard = mine(v);
        heardTwice += heard.length - new Set(heard.map((m) => m.id)).size;
        notHeard += ids.size - new Set(heard.map((m) => m.id)).size;
        if ([...heard].sort(byOrderingKey).map((m) => m.id).join() !== history.join()) viewersOutOfOrder += 1;
      }
      businessOnA.socket.close();
      viewerOnB.socket.close();
      return { sent: acks.length, stored: ids.size, failedSends, historyLength: history.length, senderOrderBroken, viewersOutOfOrder, heardTwice, notHeard };
    }),
  );
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  return {
    conversations: results.length,
    messages: sum('sent'),
    failedSends: sum('failedSends'),
    historyMissing: results.reduce((n, r) => n + (r.stored - r.historyLength), 0),
    senderOrderBroken: sum('senderOrderBroken'),
    viewersOutOfOrder: sum('viewersOutOfOrder'),
    viewersChecked: results.length * 3,
    heardTwice: sum('heardTwice'),
    notHeard: sum('notHeard'),
  };
}

async function main() {
  const staffOnA = await connect(urlA, staffTokens[0]);
  const staffOnB = await connect(urlB, staffTokens[1]);
  const keys = await keyRacesRound(staffOnA, staffOnB);
  // The database's word on round 1: each raced key stored once.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT body_text, count(*) AS n FROM message WHERE body_text LIKE $1 GROUP BY body_text`, [`${runTag}-key-%`]);
  await client.end();
  const stored = new Map(rows.map((r) => [r.body_text, Number(r.n)]));
  const order = await orderRound(staffOnA, staffOnB);
  staffOnA.socket.close();
  staffOnB.socket.close();
  const { tags, ...keyResult } = keys;
  writeFileSync(
    resultFile,
    JSON.stringify(
      {
        keyRaces: { ...keyResult, storedTwice: tags.filter((t) => (stored.get(t) ?? 0) > 1).length, notStored: tags.filter((t) => !stored.has(t)).length },
        order,
        errorSamples,
      },
      null,
      2,
    ),
  );
}

runMain(main, { limitMs: 600_000, limitMessage: 'race load: hard time limit reached' });
