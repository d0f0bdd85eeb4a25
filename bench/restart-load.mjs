// A fault run's load (issue 25): Postgres is restarted while the conversations are busy (two nodes on the Postgres
// adapter, senders on A, receivers on B). A send that fails (an error ack or no ack in time) is sent again with the
// same idempotency key after a backoff, as a client does. A receiver told `sync:needed` (its node missed message
// events while its listening connection was down) resyncs what it follows from the older of its newest message and
// the event's sinceId, as the web app does. Prints "RESTART" on stdout when the orchestrator should restart Postgres,
// and counts: how long sends failed and with which statuses, and the ledger — every message stored once (the database
// is asked), acknowledged, and heard by every recipient, live or by the resync.
// Usage: node bench/restart-load.mjs <plan.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { newerId, openSocket, paceSends, runMain, syncConversation } from './lib/process.mjs';

const require = createRequire(import.meta.url);
const { summarizeLatencies } = require('../plugins/messaging/dist/server/domain/latency-summary.js');
const { resyncCursor, resyncDelayMs } = require('../plugins/messaging/dist/server/domain/delivery-sequence.js');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const resultFile = process.argv[3];
const { urlA, urlB, staffTokens, businesses, socketsPerBusiness, sockets: socketCount, rate, durationS, restartAtS, drainS, runTag, databaseUrl } = plan;
// As the web app waits for an ack (outbox-sender ACK_TIMEOUT_MS) before it calls a send unconfirmed.
const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = [250, 500, 1_000, 2_000, 4_000];
const MAX_ATTEMPTS = 20;
/** A staff socket follows every conversation: a few resyncs at a time, as a client with many threads would. */
const RESYNC_CONCURRENCY = 10;
const now = () => performance.now();

const expected = new Map(); // tag → Set(receiver id)
const heard = new Map(); // tag → Map(receiver id → times)
const recovered = new Map(); // tag → Set(receiver id) that got it by a resync only
const resyncs = { asked: 0, conversations: 0, errors: [], lastDoneAt: null };
const acked = new Map(); // tag → { id, attempts }
const failures = []; // { at, status } for every failed attempt
const errorSamples = [];
let restartAt = null;

async function main() {
  const jobs = [];
  staffTokens.forEach((token, i) => jobs.push({ id: `staff${i}`, token }));
  for (const b of businesses) for (let k = 0; k < socketsPerBusiness; k += 1) jobs.push({ id: `b${b.businessId}s${k}`, token: b.token, business: b, sender: k === 0 });
  const senders = new Map();
  const audience = new Map();
  const receivers = [];
  const chosen = jobs.slice(0, socketCount);
  for (let i = 0; i < chosen.length; i += 25) {
    await Promise.all(
      chosen.slice(i, i + 25).map(async (job) => {
        const { socket, error } = await openSocket(job.sender ? urlA : urlB, job.token);
        if (!socket) {
          if (errorSamples.length < 5) errorSamples.push(`connect: ${error}`);
          return;
        }
        if (job.sender) return void senders.set(String(job.business.conversationId), socket);
        receivers.push({ ...job, socket });
        if (job.business) {
          const c = String(job.business.conversationId);
          if (!audience.has(c)) audience.set(c, []);
          audience.get(c).push(job.id);
        }
        const newest = new Map(); // conversation id → the newest message id this receiver has
        socket.on('message:new', ({ message }) => {
          newest.set(String(message.conversationId), newerId(newest.get(String(message.conversationId)), message.id));
          const tag = message?.bodyText ?? '';
          if (!tag.startsWith(runTag)) return;
          if (!heard.has(tag)) heard.set(tag, new Map());
          heard.get(tag).set(job.id, (heard.get(tag).get(job.id) ?? 0) + 1);
        });
        // Its node missed live events: every conversation it follows, from before the gap.
        socket.on('sync:needed', ({ sinceId, spreadMs }) => {
          resyncs.asked += 1;
          const follows = job.business ? [String(job.business.conversationId)] : [...senders.keys()];
          void (async () => {
            // At a random moment within the server's spread, as the web app does.
            await new Promise((r) => setTimeout(r, resyncDelayMs(spreadMs)));
            for (let i = 0; i < follows.length; i += RESYNC_CONCURRENCY) {
              await Promise.all(
                follows.slice(i, i + RESYNC_CONCURRENCY).map(async (c) => {
                  const from = resyncCursor(newest.get(c), sinceId) ?? sinceId;
                  try {
                    await syncConversation(socket, c, from, (message) => {
                      newest.set(c, newerId(newest.get(c), message.id));
                      const tag = message.bodyText ?? '';
                      if (!tag.startsWith(runTag) || heard.get(tag)?.has(job.id)) return;
                      if (!recovered.has(tag)) recovered.set(tag, new Set());
                      recovered.get(tag).add(job.id);
                    });
                    resyncs.conversations += 1;
                  } catch (error) {
                    if (resyncs.errors.length < 5) resyncs.errors.push(String(error));
                  }
                }),
              );
            }
            resyncs.lastDoneAt = now();
          })();
        });
      }),
    );
  }
  const staffIds = receivers.filter((r) => !r.business).map((r) => r.id);
  const conversations = [...senders.keys()];
  let disconnects = 0;
  for (const r of receivers) r.socket.on('disconnect', () => (disconnects += 1));
  await new Promise((r) => setTimeout(r, 1_000));

  /** One message, sent until acknowledged (same key every time), or given up after MAX_ATTEMPTS. */
  async function deliver(conversationId, tag) {
    const key = randomUUID();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      let status;
      try {
        const answer = await senders.get(conversationId).timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { conversationId, idempotencyKey: key, routeType: 'BUSINESS_TO_ADMIN', bodyHtml: tag });
        if (answer?.ok) {
          acked.set(tag, { id: answer.message.id, attempts: attempt, at: now() });
          return;
        }
        status = answer?.error?.status ?? 'error';
        if (errorSamples.length < 5) errorSamples.push(`ack: ${JSON.stringify(answer?.error)}`);
      } catch {
        status = 'timeout';
      }
      failures.push({ at: now(), status });
      // A refusal for the caller's own mistake (4xx other than 429) would not get better by sending again.
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) return;
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt - 1, RETRY_MS.length - 1)]));
    }
  }

  const inFlight = [];
  const { sent } = await paceSends({
    rate,
    durationS,
    everyTick: (elapsed) => {
      if (restartAt === null && elapsed >= restartAtS * 1000) {
        restartAt = now();
        process.stdout.write('RESTART\n');
      }
    },
    send: (seq) => {
      const conversationId = conversations[seq % conversations.length];
      const tag = `${runTag}-${seq}`;
      expected.set(tag, new Set([...staffIds, ...(audience.get(conversationId) ?? [])]));
      inFlight.push(deliver(conversationId, tag));
    },
  });
  await Promise.all(inFlight);
  const drainStarted = now();
  const missingLive = () => [...acked.keys()].reduce((n, tag) => n + [...expected.get(tag)].filter((id) => !heard.get(tag)?.has(id)).length, 0);
  const missing = () => [...acked.keys()].reduce((n, tag) => n + [...expected.get(tag)].filter((id) => !heard.get(tag)?.has(id) && !recovered.get(tag)?.has(id)).length, 0);
  while (now() - drainStarted < drainS * 1000 && missing() > 0) await new Promise((r) => setTimeout(r, 100));

  // The database's word: each message of this run stored once per idempotency key, and every stored one acknowledged.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT body_text, count(*) AS n FROM message WHERE body_text LIKE $1 GROUP BY body_text`, [`${runTag}-%`]);
  await client.end();
  const stored = new Map(rows.map((r) => [r.body_text, Number(r.n)]));
  const storedTwice = [...stored.values()].filter((n) => n > 1).length;
  const storedNotAcked = [...stored.keys()].filter((tag) => !acked.has(tag)).length;
  const ackedNotStored = [...acked.keys()].filter((tag) => !stored.has(tag)).length;
  let heardTwice = 0;
  for (const times of heard.values()) for (const n of times.values()) if (n > 1) heardTwice += 1;
  const failedAfterRestart = failures.filter((f) => restartAt !== null && f.at >= restartAt);
  const lastFailure = failedAfterRestart.length ? Math.max(...failedAfterRestart.map((f) => f.at)) : null;
  const firstAckAfter = [...acked.values()].filter((a) => restartAt !== null && a.at > (lastFailure ?? restartAt)).map((a) => a.at);
  const result = {
    rateTarget: rate,
    durationS,
    restartAtS,
    messagesSent: sent,
    messagesAcked: acked.size,
    gaveUp: sent - acked.size,
    retried: [...acked.values()].filter((a) => a.attempts > 1).length,
    failedAttempts: failures.length,
    failureStatuses: Object.fromEntries([...new Set(failures.map((f) => String(f.status)))].map((s) => [s, failures.filter((f) => String(f.status) === s).length])),
    sendsFailingForSeconds: lastFailure !== null && restartAt !== null ? (lastFailure - restartAt) / 1000 : 0,
    firstAckAfterOutageSeconds: firstAckAfter.length && restartAt !== null ? (Math.min(...firstAckAfter) - restartAt) / 1000 : null,
    storedTwice,
    storedNotAcked,
    ackedNotStored,
    expectedDeliveries: [...acked.keys()].reduce((n, tag) => n + expected.get(tag).size, 0),
    notHeardLive: missingLive(),
    // Deliveries missed live that the resync brought (a message both synced and later heard live counts as live).
    recoveredByResync: [...recovered].reduce((n, [tag, ids]) => n + [...ids].filter((id) => !heard.get(tag)?.has(id)).length, 0),
    lost: missing(),
    syncNeededHeard: resyncs.asked,
    resyncedConversations: resyncs.conversations,
    resyncDoneAfterRestartSeconds: resyncs.lastDoneAt !== null && restartAt !== null ? (resyncs.lastDoneAt - restartAt) / 1000 : null,
    resyncErrors: resyncs.errors,
    heardTwice,
    receiverDisconnects: disconnects,
    attempts: summarizeLatencies([...acked.values()].map((a) => a.attempts)),
    errorSamples,
  };
  for (const r of receivers) r.socket.close();
  for (const s of senders.values()) s.close();
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

runMain(main, { limitMs: (plan.durationS + plan.drainS + 300) * 1000, limitMessage: 'restart load: hard time limit reached' });
