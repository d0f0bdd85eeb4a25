// A fault run's load (issue 25): node B is killed (SIGKILL) while the conversations are busy. Senders are on node A,
// receivers on node B. When B dies, each of its sockets reconnects to A (after a jitter, as socket.io's backoff
// would) and resyncs every conversation it follows with `sync` from the last message it had, as the web app does;
// it is current once every sync has answered. Counts, on one clock: how long until every socket was current, and
// the ledger — every acknowledged message heard (live or by resync) by every recipient, none heard twice live.
// Usage: node bench/fault-load.mjs <plan.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { newerId, openSocket, paceSends, runMain, sendCounted, syncConversation } from './lib/process.mjs';

const require = createRequire(import.meta.url);
const { summarizeLatencies } = require('../plugins/messaging/dist/server/domain/latency-summary.js');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const resultFile = process.argv[3];
const { urlA, urlB, nodeBPid, staffTokens, businesses, socketsPerBusiness, sockets: socketCount, rate, durationS, killAtS, drainS, runTag } = plan;
const ACK_TIMEOUT_MS = 10_000;
const RECONNECT_JITTER_MS = 1_000;
const RESYNC_CONCURRENCY = 8;
const now = () => performance.now();

const sentAt = new Map(); // tag → send time
const acked = new Map(); // tag → message id (acknowledged)
const expected = new Map(); // tag → Set(receiver id)
const heardLive = new Map(); // tag → Map(receiver id → times heard as message:new)
const recovered = new Map(); // tag → Set(receiver id) that got it by resync only
const lastSeen = new Map(); // receiver id → Map(conversationId → newest message id it has)
const deliveryMs = [];
const errorSamples = [];
/** Sends refused, sends with no ack in time, and the refusals' words (shared with the connect errors). */
const tally = { errors: 0, timeouts: 0, samples: errorSamples };

async function connect(url, token) {
  const { socket, error } = await openSocket(url, token);
  if (error && errorSamples.length < 5) errorSamples.push(`connect: ${error}`);
  return socket;
}


function noteSeen(receiverId, message) {
  const seen = lastSeen.get(receiverId);
  seen.set(message.conversationId, newerId(seen.get(message.conversationId), message.id));
}

function listen(receiverId, socket) {
  socket.on('message:new', ({ message }) => {
    if (!message) return;
    noteSeen(receiverId, message);
    const tag = message.bodyText ?? '';
    if (!tag.startsWith(runTag)) return;
    let times = heardLive.get(tag);
    if (!times) heardLive.set(tag, (times = new Map()));
    const n = (times.get(receiverId) ?? 0) + 1;
    times.set(receiverId, n);
    if (n === 1 && sentAt.has(tag)) deliveryMs.push(now() - sentAt.get(tag));
  });
}

/**
 * Resyncs one conversation from `since` (the newest message the receiver had when it lost its node; messages heard
 * live since then must not move it forward, or what fell between would be skipped).
 */
function resync(receiverId, socket, conversationId, since) {
  return syncConversation(socket, conversationId, since, (message) => {
    noteSeen(receiverId, message);
    const tag = message.bodyText ?? '';
    if (!tag.startsWith(runTag) || heardLive.get(tag)?.has(receiverId)) return;
    if (!recovered.has(tag)) recovered.set(tag, new Set());
    recovered.get(tag).add(receiverId);
  });
}

async function main() {
  // Staff sockets hear every conversation; each business: one sender on A, the others receive on B.
  const jobs = [];
  staffTokens.forEach((token, i) => jobs.push({ id: `staff${i}`, token, follows: businesses.map((b) => String(b.conversationId)) }));
  for (const b of businesses) {
    for (let k = 0; k < socketsPerBusiness; k += 1) jobs.push({ id: `b${b.businessId}s${k}`, token: b.token, business: b, sender: k === 0, follows: [String(b.conversationId)] });
  }
  const chosen = jobs.slice(0, socketCount);
  const receivers = [];
  const senders = new Map(); // conversationId → socket
  const audience = new Map(); // conversationId → receiver ids
  for (let i = 0; i < chosen.length; i += 25) {
    await Promise.all(
      chosen.slice(i, i + 25).map(async (job) => {
        const socket = await connect(job.sender ? urlA : urlB, job.token);
        if (!socket) return;
        if (job.sender) {
          senders.set(String(job.business.conversationId), socket);
          return;
        }
        lastSeen.set(job.id, new Map());
        receivers.push({ ...job, socket });
        listen(job.id, socket);
      }),
    );
  }
  const staffIds = receivers.filter((r) => !r.business).map((r) => r.id);
  for (const r of receivers) {
    if (!r.business) continue;
    const c = String(r.business.conversationId);
    if (!audience.has(c)) audience.set(c, []);
    audience.get(c).push(r.id);
  }
  const conversations = [...senders.keys()];
  await new Promise((r) => setTimeout(r, 1_000));

  // Node B dies at killAtS; each of its sockets comes back on A and resyncs.
  let killedAt = null;
  const currentAt = new Map(); // receiver id → when it was current again
  const resyncErrors = [];
  for (const r of receivers) {
    r.socket.once('disconnect', () => {
      // Where each conversation stood when the node went away: the resync starts there.
      const since = new Map(lastSeen.get(r.id));
      const jitter = Math.random() * RECONNECT_JITTER_MS;
      setTimeout(async () => {
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          const socket = await connect(urlA, r.token);
          if (!socket) {
            await new Promise((res) => setTimeout(res, 500 * attempt));
            continue;
          }
          r.socket = socket;
          listen(r.id, socket);
          try {
            // A staff socket follows every conversation: a few resyncs at a time, as a client with many threads would.
            const queue = [...r.follows];
            await Promise.all(Array.from({ length: Math.min(RESYNC_CONCURRENCY, queue.length) }, async () => {
              while (queue.length) {
                const c = queue.shift();
                await resync(r.id, socket, c, since.get(c));
              }
            }));
            currentAt.set(r.id, now());
          } catch (error) {
            if (resyncErrors.length < 5) resyncErrors.push(String(error));
          }
          return;
        }
      }, jitter);
    });
  }

  let answered = 0;
  const { sent } = await paceSends({
    rate,
    durationS,
    everyTick: (elapsed) => {
      if (killedAt === null && elapsed >= killAtS * 1000) {
        killedAt = now();
        process.kill(nodeBPid, 'SIGKILL');
      }
    },
    send: (seq) => {
      const conversationId = conversations[seq % conversations.length];
      const tag = `${runTag}-${seq}`;
      expected.set(tag, new Set([...staffIds, ...(audience.get(conversationId) ?? [])]));
      sentAt.set(tag, now());
      sendCounted(senders.get(conversationId), { conversationId, bodyHtml: tag, timeoutMs: ACK_TIMEOUT_MS, tally, onAck: (answer) => acked.set(tag, answer.message.id) })
        .finally(() => {
          answered += 1;
        });
    },
  });

  // Drain: every ack in, every socket current again, every acknowledged message with every recipient.
  const missing = () => {
    let n = 0;
    for (const [tag] of acked) for (const id of expected.get(tag)) if (!heardLive.get(tag)?.has(id) && !recovered.get(tag)?.has(id)) n += 1;
    return n;
  };
  const drainStarted = now();
  while (now() - drainStarted < drainS * 1000) {
    if (answered >= sent && currentAt.size >= receivers.length && missing() === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Messages sent after a socket was current again reach it live; a last resync catches any that fell between.
  const stillMissing = missing();
  let duplicated = 0;
  for (const times of heardLive.values()) for (const n of times.values()) if (n > 1) duplicated += 1;
  const recoveredDeliveries = [...recovered.values()].reduce((n, s) => n + s.size, 0);
  const lastCurrent = currentAt.size ? Math.max(...currentAt.values()) : null;
  const result = {
    socketsOnB: receivers.length,
    senders: senders.size,
    rateTarget: rate,
    durationS,
    killAtS,
    messagesSent: sent,
    messagesAcked: acked.size,
    ackTimeouts: tally.timeouts,
    ackErrors: tally.errors,
    socketsCurrentAgain: currentAt.size,
    recoverySeconds: killedAt !== null && lastCurrent !== null && currentAt.size === receivers.length ? (lastCurrent - killedAt) / 1000 : null,
    recoveryMedianSeconds: killedAt !== null && currentAt.size ? summarizeLatencies([...currentAt.values()].map((t) => t - killedAt)).p50 / 1000 : null,
    expectedDeliveries: [...acked.keys()].reduce((n, tag) => n + expected.get(tag).size, 0),
    lost: stillMissing,
    duplicated,
    recoveredByResync: recoveredDeliveries,
    deliveryLive: summarizeLatencies(deliveryMs),
    resyncErrors,
    errorSamples,
  };
  for (const r of receivers) r.socket.close();
  for (const s of senders.values()) s.close();
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

runMain(main, { limitMs: (plan.durationS + plan.drainS + 240) * 1000, limitMessage: 'fault load: hard time limit reached' });
