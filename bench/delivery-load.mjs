// The delivery load: a process of its own with socket.io-client. Opens the sockets, keeps the conversations busy
// at a set rate for a fixed time, and times every message on one monotonic clock (sender and receivers live here):
// send call → each recipient's message:new, and send call → ack. Writes its result as JSON.
// Usage: node bench/delivery-load.mjs <plan.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSocket, paceSends, runMain, sendCounted } from './lib/process.mjs';
import { databaseTransactions, processesCpuSeconds } from './lib/measure.mjs';
import memoryProbe from './lib/memory-probe.cjs';

const { memoryFile } = memoryProbe;

const require = createRequire(import.meta.url);
const { summarizeLatencies, countDeliveries } = require('../plugins/messaging/dist/server/domain/latency-summary.js');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const resultFile = process.argv[3];
const { sendUrl, receiveUrl, sockets: socketCount, rate, durationS, warmupS = 0, drainS, staffTokens, businesses, socketsPerBusiness, runTag, serverPids, databaseUrl } = plan;
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 20_000;
const CONNECT_CONCURRENCY = 25;
const now = () => performance.now();

const loadLoop = monitorEventLoopDelay({ resolution: 10 });
const connected = []; // { id, socket }
const expected = new Map(); // tag → Set(recipient socket id)
const heard = new Map(); // tag → Map(recipient socket id → times)
const sentAt = new Map(); // tag → send time
const ackedTags = new Set(); // messages the server confirmed
const deliveryMs = [];
const ackMs = [];
// The warm-up's messages (sent in its first warmupS seconds): in the ledger, and timed apart from the measured window.
const warmupTags = new Set();
const warmupDeliveryMs = [];
const warmupAckMs = [];
let connectFailures = 0;
const errorSamples = [];
/** Sends refused, sends with no ack in time, and the refusals' words (shared with the connect errors). */
const tally = { errors: 0, timeouts: 0, samples: errorSamples };

function listen(id, socket, isSender) {
  socket.on('message:new', ({ message }) => {
    const text = message?.bodyText ?? '';
    if (!text.startsWith(runTag)) return;
    const t = now();
    const tag = text;
    let times = heard.get(tag);
    if (!times) heard.set(tag, (times = new Map()));
    const n = (times.get(id) ?? 0) + 1;
    times.set(id, n);
    // The sender's own echo is bookkeeping, not delivery; the first hearing is the delivery.
    if (n === 1 && !isSender(tag) && sentAt.has(tag)) (warmupTags.has(tag) ? warmupDeliveryMs : deliveryMs).push(t - sentAt.get(tag));
  });
}

/**
 * Each node's memory after a full collection (lib/memory-probe.cjs: SIGUSR2, answered in a file), by name; a node
 * that does not answer within three seconds reads null.
 */
async function liveMemory(pids) {
  const asked = Date.now();
  for (const pid of Object.values(pids)) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      // Gone: its reading is null.
    }
  }
  const read = (pid) => {
    try {
      const m = JSON.parse(readFileSync(memoryFile(pid), 'utf8'));
      return m.at >= asked ? m : null;
    } catch {
      return null;
    }
  };
  const out = {};
  for (const [name, pid] of Object.entries(pids)) {
    let m = read(pid);
    for (let waited = 0; m === null && waited < 3_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      m = read(pid);
    }
    out[name] = m;
  }
  return out;
}

async function connect(url, token) {
  const { socket, error } = await openSocket(url, token, CONNECT_TIMEOUT_MS);
  if (error) {
    connectFailures += 1;
    if (errorSamples.length < 5) errorSamples.push(`connect: ${error}`);
  }
  return socket;
}

async function connectAll(jobs) {
  const started = now();
  let next = 0;
  const out = new Array(jobs.length);
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await connect(jobs[i].url, jobs[i].token);
      }
    }),
  );
  return { sockets: out, seconds: (now() - started) / 1000 };
}

async function main() {
  // Staff sockets hear every conversation; each business gets socketsPerBusiness sockets: one sends, the rest receive.
  const jobs = [];
  staffTokens.forEach((token, i) => jobs.push({ kind: 'staff', id: `staff${i}`, url: receiveUrl, token }));
  for (const b of businesses) {
    for (let k = 0; k < socketsPerBusiness; k += 1) {
      jobs.push({ kind: 'business', id: `b${b.businessId}s${k}`, url: k === 0 ? sendUrl : receiveUrl, token: b.token, business: b, sender: k === 0 });
    }
  }
  // The nodes' memory before and after the sockets connect, each after a full collection (issue 24: memory per socket).
  const serverMemoryBeforeConnect = await liveMemory(serverPids ?? {});
  const { sockets, seconds: connectSeconds } = await connectAll(jobs.slice(0, socketCount));
  const senderOf = new Map(); // conversationId → { socket, id }
  const audience = new Map(); // conversationId → ids of every socket that should hear it
  const staffIds = [];
  jobs.slice(0, socketCount).forEach((job, i) => {
    const socket = sockets[i];
    if (!socket) return;
    connected.push({ id: job.id, socket });
    if (job.kind === 'staff') staffIds.push(job.id);
    else {
      const c = job.business.conversationId;
      if (!audience.has(c)) audience.set(c, []);
      audience.get(c).push(job.id);
      if (job.sender) senderOf.set(c, { socket, id: job.id });
    }
  });
  const senderIdOfTag = new Map();
  for (const { id, socket } of connected) listen(id, socket, (tag) => senderIdOfTag.get(tag) === id);
  const conversations = [...senderOf.keys()];
  if (conversations.length === 0) throw new Error(`no sender socket connected (${connectFailures} connect failures: ${errorSamples.join('; ')})`);

  // Let the handshakes' own work settle before the clock starts.
  await new Promise((r) => setTimeout(r, 1_000));
  // Where the per-message costs start counting (the orchestrator ends them once the server is quiet again): the
  // handshakes above are not the messages' work.
  const databaseTransactionsAtSendStart = databaseUrl ? await databaseTransactions(databaseUrl) : null;
  const serverCpuSecondsAtSendStart = processesCpuSeconds(serverPids ?? {});
  const serverMemoryConnected = await liveMemory(serverPids ?? {});
  loadLoop.enable();
  const cpuAtStart = process.cpuUsage();
  let acked = 0;
  let firstSendAt = null;
  const { sent, started } = await paceSends({
    rate,
    durationS: warmupS + durationS,
    graceMs: 5_000,
    send: (seq) => {
      const conversationId = conversations[seq % conversations.length];
      const sender = senderOf.get(conversationId);
      const tag = `${runTag}-${seq}`;
      expected.set(tag, new Set([...staffIds, ...audience.get(conversationId)]));
      senderIdOfTag.set(tag, sender.id);
      const t0 = now();
      firstSendAt ??= t0;
      if (t0 - firstSendAt < warmupS * 1000) warmupTags.add(tag);
      sentAt.set(tag, t0);
      sendCounted(sender.socket, {
        conversationId,
        bodyHtml: tag,
        timeoutMs: ACK_TIMEOUT_MS,
        tally,
        onAck: () => {
          (warmupTags.has(tag) ? warmupAckMs : ackMs).push(now() - t0);
          ackedTags.add(tag);
        },
      })
        .finally(() => {
          acked += 1;
        });
    },
  });
  const sendSeconds = (now() - started) / 1000;

  // Drain: wait until every ack and every expected delivery is in, or the drain time is up.
  const expectedDeliveries = [...expected.values()].reduce((n, s) => n + s.size, 0);
  const drainStarted = now();
  while (now() - drainStarted < drainS * 1000) {
    const received = [...heard.values()].reduce((n, m) => n + m.size, 0);
    if (acked >= sent && received >= expectedDeliveries) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wallSeconds = (now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpuAtStart);
  loadLoop.disable();
  for (const { socket } of connected) socket.close();

  const ledger = countDeliveries(expected, heard);
  // Lost in the strict sense: the server confirmed the message (ack ok) and still some recipient never heard it.
  const confirmed = new Map([...expected].filter(([tag]) => ackedTags.has(tag)));
  const confirmedLedger = countDeliveries(confirmed, new Map([...heard].filter(([tag]) => ackedTags.has(tag))));
  const result = {
    socketsPlanned: socketCount,
    socketsConnected: connected.length,
    connectFailures,
    connectSeconds,
    conversations: conversations.length,
    staffSockets: staffIds.length,
    socketsPerBusiness,
    rateTarget: rate,
    durationS,
    messagesSent: sent,
    messagesAcked: ackMs.length + warmupAckMs.length,
    sendErrors: tally.errors,
    ackTimeouts: tally.timeouts,
    errorRate: sent ? (tally.errors + tally.timeouts) / sent : 0,
    throughputMsgPerS: (ackMs.length + warmupAckMs.length) / sendSeconds,
    deliveriesPerS: ledger.delivered / wallSeconds,
    delivery: summarizeLatencies(deliveryMs),
    ack: summarizeLatencies(ackMs),
    // The first warmupS seconds of sending, timed on their own (the delivery and ack above are the seconds after).
    warmup: { seconds: warmupS, messages: warmupTags.size, delivery: summarizeLatencies(warmupDeliveryMs), ack: summarizeLatencies(warmupAckMs) },
    ledger,
    confirmedLedger,
    loadProcessEventLoopDelay: { p99Ms: loadLoop.percentile(99) / 1e6, maxMs: loadLoop.max / 1e6 },
    loadProcessCores: (cpuUsed.user + cpuUsed.system) / 1e6 / wallSeconds,
    serverCpuSecondsAtSendStart,
    serverMemoryBeforeConnect,
    serverMemoryConnected,
    databaseTransactionsAtSendStart,
    errorSamples,
  };
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

runMain(main, { limitMs: (plan.durationS + plan.drainS + 240) * 1000, limitMessage: 'delivery load: hard time limit reached' });
