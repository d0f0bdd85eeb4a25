// A fault run's load (issue 25): the SMS provider down for a sustained period. The fake Twilio (tests/fakes/twilio)
// runs in this process; the bench node is connected to it as the Twilio account (bench/provider-setup.cjs, setup
// finished). Client threads are opened by signed inbound SMS through the node's webhook; the Owner then sends
// STAFF_TO_CLIENT messages over HTTP at a steady rate (a send that fails is sent again with the same key). At
// `downAtS` the fake refuses every API request (503, or dropped connections) for `downForS` seconds, then answers
// again. After a bounded drain, the ledger: every SMS the app accepted reached the fake exactly once (matched by its
// body, a unique tag), the refused attempts, the breaker as GET /provider/settings showed it, the recovery time (the
// fake back up → the last SMS it accepted). Then every SMS's status callbacks are replayed duplicated and out of order
// (signed, to the node's real status webhook) and the database must not change.
// Usage: node bench/provider-load.mjs <plan.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { paceSends, runMain } from './lib/process.mjs';
import { benchDir, resultsDir, run } from './lib/cluster.mjs';
import { loadFakeTwilio } from './lib/fake-twilio.mjs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const resultFile = process.argv[3];
const { nodeUrl, databaseUrl, rate, durationS, downAtS, downForS, drainS, threads, runTag, refusal } = plan;
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const FRONT_DESK = '+14155550100';
const OWNER = { email: 'owner@demo.test', password: 'Demo-Owner-1!' };
const SEND_ATTEMPTS = 10;
// Each message's callbacks again: one after the other (a late "sent" and "queued" after "delivered"), then at once.
const REPLAY_IN_TURN = ['delivered', 'sent', 'queued', 'delivered'];
const REPLAY_AT_ONCE = ['delivered', 'sent', 'delivered'];
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const accepted = new Map(); // tag → { id, at, attempts } (the app said 201/200)
const appRefusals = []; // { at, status } for every send attempt the app did not accept
const fakeAccepted = []; // { tag, at } every tagged SMS the fake accepted
const breakerSeen = []; // { at, status, consecutiveFailures } at every change the poll saw
let downAt = null;
let upAt = null;

async function main() {
  const startFakeTwilio = await loadFakeTwilio();
  const fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    fake.controls.ownNumber(FRONT_DESK);
    fake.events.on('message', (m) => {
      if (m.body.startsWith(`${runTag}-`)) fakeAccepted.push({ tag: m.body, at: now() });
    });
    const setupFile = path.join(resultsDir, '.provider-setup.json');
    writeFileSync(setupFile, JSON.stringify({ fakeUrl: fake.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, nodeUrl, frontDesk: FRONT_DESK }));
    await run(process.execPath, [path.join(benchDir, 'provider-setup.cjs'), setupFile], { env: { ...process.env, LOG_LEVEL: 'error' } }, 180_000);
    await db.connect();

    const login = await fetch(`${nodeUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(OWNER) });
    if (!login.ok) throw new Error(`admin login for the Owner answered ${login.status}`);
    const headers = { Authorization: `Bearer ${(await login.json()).data.token}`, 'Content-Type': 'application/json' };

    // Client threads, each opened by a client's signed inbound SMS through the node's real webhook.
    const conversations = [];
    for (let i = 0; i < threads; i += 1) {
      const phone = `+1206555${2100 + i}`;
      const answer = await fake.controls.sendInbound({ from: phone, to: FRONT_DESK, body: 'Hello from the bench', url: `${nodeUrl}/api/messaging/webhooks/twilio/sms` });
      if (answer.status !== 200) throw new Error(`the inbound webhook answered ${answer.status}: ${answer.body}`);
      const { rows } = await db.query(`SELECT id FROM conversation WHERE kind = 'client' AND client_phone = $1`, [phone]);
      if (!rows.length) throw new Error(`no client thread for ${phone} after its inbound SMS`);
      conversations.push(String(rows[0].id));
    }
    await fake.controls.idle();

    // The breaker as staff see it (GET /provider/settings), every 250 ms.
    let polling = true;
    const poller = (async () => {
      let last = null;
      while (polling) {
        try {
          const res = await fetch(`${nodeUrl}/provider/settings`, { headers, signal: AbortSignal.timeout(5_000) });
          const breaker = (await res.json()).data.breaker;
          if (last !== breaker.status) breakerSeen.push({ at: now(), status: breaker.status, consecutiveFailures: breaker.consecutiveFailures });
          last = breaker.status;
        } catch {
          // a missed poll is not a result
        }
        await sleep(250);
      }
    })();

    /** One message, sent until the app accepts it (the same key every time), or given up. */
    async function send(conversationId, tag) {
      const idempotencyKey = randomUUID();
      for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt += 1) {
        let status;
        try {
          const res = await fetch(`${nodeUrl}/messaging/conversations/${conversationId}/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ idempotencyKey, routeType: 'STAFF_TO_CLIENT', bodyHtml: tag }),
            signal: AbortSignal.timeout(15_000),
          });
          status = res.status;
          const body = await res.json().catch(() => null);
          if (status === 200 || status === 201) {
            accepted.set(tag, { id: body?.data?.id, at: now(), attempts: attempt });
            return;
          }
        } catch {
          status = 'timeout';
        }
        appRefusals.push({ at: now(), status });
        if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) return;
        await sleep(250 * attempt);
      }
    }

    let upTimer = null;
    const cameBack = new Promise((resolve) => {
      upTimer = resolve;
    });
    const inFlight = [];
    const { sent, started } = await paceSends({
      rate,
      durationS,
      everyTick: (elapsed) => {
        if (downAt === null && elapsed >= downAtS * 1000) {
          fake.controls.down(refusal);
          downAt = now();
          setTimeout(() => {
            fake.controls.up();
            upAt = now();
            upTimer();
          }, downForS * 1000);
        }
      },
      send: (seq) => {
        const tag = `${runTag}-${seq}`;
        inFlight.push(send(conversations[seq % conversations.length], tag));
      },
    });
    await Promise.all(inFlight);
    if (downAt === null) throw new Error(`the sends ended before the outage was due at ${downAtS} s; raise --duration`);
    await cameBack;

    // The drain, bounded: every accepted SMS at the fake and every one of this run's outbound rows delivered.
    const runRows = async () =>
      (await db.query(`SELECT id, message_ref, body, status, attempts, dead_lettered, provider_message_id, error_code, updated_at FROM outbound_message WHERE body LIKE $1 ORDER BY id`, [`${runTag}-%`])).rows;
    const atFake = () => new Set(fakeAccepted.map((m) => m.tag));
    let drained = false;
    while (now() - upAt < drainS * 1000) {
      const seen = atFake();
      const rows = await runRows();
      if ([...accepted.keys()].every((tag) => seen.has(tag)) && rows.length >= accepted.size && rows.every((r) => r.status === 'delivered' || r.dead_lettered)) {
        drained = true;
        break;
      }
      await sleep(500);
    }
    const drainedAt = now();
    await fake.controls.idle();
    await sleep(1_000);
    polling = false;
    await poller;

    // The ledger.
    const byTag = new Map();
    for (const m of fake.state.messages) if (m.body.startsWith(`${runTag}-`)) byTag.set(m.body, (byTag.get(m.body) ?? 0) + 1);
    const lost = [...accepted.keys()].filter((tag) => !byTag.has(tag));
    const duplicated = [...byTag.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const sentNotAccepted = [...byTag.keys()].filter((tag) => !accepted.has(tag)).length;
    const messageCalls = fake.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    const refusedSends = messageCalls.filter((r) => r.status === 0 || r.status >= 500).length;
    const refusedOther = fake.state.requests.filter((r) => !(r.method === 'POST' && r.path.endsWith('/Messages.json')) && (r.status === 0 || r.status >= 500)).length;
    const afterUp = fakeAccepted.filter((m) => m.at >= upAt).map((m) => m.at);
    const heldByOutage = [...accepted.values()].filter((a) => a.at >= downAt && a.at < upAt).length;
    const firstOpen = breakerSeen.find((b) => b.status === 'open' && b.at >= downAt);
    const closedAgain = firstOpen ? breakerSeen.find((b) => b.status === 'closed' && b.at > firstOpen.at) : null;
    const rows = await runRows();
    const countBy = (list, key) => Object.fromEntries([...new Set(list.map(key))].sort().map((k) => [k, list.filter((x) => key(x) === k).length]));
    const messageStates = (await db.query(`SELECT state FROM message WHERE ordering_key = ANY($1::bigint[])`, [rows.map((r) => String(r.message_ref))])).rows;
    const openFailures = (await db.query(`SELECT count(*) AS n FROM compliance_delivery_failure WHERE outbound_id = ANY($1::int[]) AND status <> 'resolved'`, [rows.map((r) => r.id)])).rows[0].n;
    const callbacksRefused = fake.state.callbacks.filter((c) => c.status !== 200).length;

    // Duplicate and out-of-order status callbacks: signed, to the node's real status webhook; nothing may change.
    const snapshot = async () => {
      const refs = rows.map((r) => String(r.message_ref));
      const ids = rows.map((r) => r.id);
      const outbound = (await db.query(`SELECT id, status, attempts, dead_lettered, provider_message_id, error_code, updated_at FROM outbound_message WHERE id = ANY($1::int[]) ORDER BY id`, [ids])).rows;
      const messages = (await db.query(`SELECT ordering_key, state, updated_at FROM message WHERE ordering_key = ANY($1::bigint[]) ORDER BY ordering_key`, [refs])).rows;
      const failures = (await db.query(`SELECT id, outbound_id, status, attempts, updated_at FROM compliance_delivery_failure WHERE outbound_id = ANY($1::int[]) ORDER BY id`, [ids])).rows;
      const counts = {};
      for (const table of ['outbound_message', 'message', 'audit_event', 'compliance_delivery_failure', 'inbound_receipt']) counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      return { outbound, messages, failures, counts };
    };
    const before = await snapshot();
    const ours = fake.state.messages.filter((m) => m.body.startsWith(`${runTag}-`));
    const replayStarted = now();
    const replayAnswers = [];
    for (let i = 0; i < ours.length; i += 8) {
      await Promise.all(
        ours.slice(i, i + 8).map(async (m) => {
          replayAnswers.push(...(await fake.controls.replayCallbacks(m.sid, REPLAY_IN_TURN)));
          replayAnswers.push(...(await fake.controls.replayCallbacks(m.sid, REPLAY_AT_ONCE, { atOnce: true })));
        }),
      );
    }
    const replaySeconds = (now() - replayStarted) / 1000;
    await sleep(1_000);
    const after = await snapshot();
    const differing = (a, b, key) => {
      const other = new Map(b.map((r) => [String(r[key]), JSON.stringify(r)]));
      return a.filter((r) => other.get(String(r[key])) !== JSON.stringify(r)).length + Math.max(0, b.length - a.length);
    };

    const result = {
      rateTarget: rate,
      durationS,
      downAtS,
      downForS,
      refusal,
      threads,
      messagesSent: sent,
      sendingStartedMs: started,
      appAccepted: accepted.size,
      appGaveUp: sent - accepted.size,
      appRefusedAttempts: appRefusals.length,
      appRefusalStatuses: countBy(appRefusals, (r) => String(r.status)),
      heldByOutage,
      atFake: byTag.size,
      lost: lost.length,
      lostSample: lost.slice(0, 5),
      duplicated,
      sentNotAccepted,
      providerSendCalls: messageCalls.length,
      refusedSendAttempts: refusedSends,
      refusedOtherCalls: refusedOther,
      breaker: {
        seen: breakerSeen.map((b) => ({ atS: downAt === null ? null : Number(((b.at - downAt) / 1000).toFixed(2)), status: b.status, consecutiveFailures: b.consecutiveFailures })),
        openedAfterDownS: firstOpen ? (firstOpen.at - downAt) / 1000 : null,
        closedAfterUpS: closedAgain ? (closedAgain.at - upAt) / 1000 : null,
        opened: Boolean(firstOpen),
        closed: Boolean(closedAgain),
      },
      drained,
      drainSeconds: (drainedAt - upAt) / 1000,
      firstAcceptedAfterUpS: afterUp.length ? (Math.min(...afterUp) - upAt) / 1000 : null,
      recoverySeconds: afterUp.length ? (Math.max(...afterUp) - upAt) / 1000 : 0,
      outboundStatuses: countBy(rows, (r) => r.status),
      deadLettered: rows.filter((r) => r.dead_lettered).length,
      attempts: countBy(rows, (r) => String(r.attempts)),
      messageStates: countBy(messageStates, (r) => r.state),
      openDeliveryFailures: Number(openFailures),
      callbacksRefused,
      replay: {
        messages: ours.length,
        callbacks: replayAnswers.length,
        answered200: replayAnswers.filter((c) => c.status === 200).length,
        otherAnswers: countBy(replayAnswers.filter((c) => c.status !== 200), (c) => String(c.status ?? c.error)),
        seconds: replaySeconds,
        outboundRowsChanged: differing(before.outbound, after.outbound, 'id'),
        messageRowsChanged: differing(before.messages, after.messages, 'ordering_key'),
        deliveryFailuresChanged: differing(before.failures, after.failures, 'id'),
        rowCountsBefore: before.counts,
        rowCountsAfter: after.counts,
        rowsAdded: Object.fromEntries(Object.keys(after.counts).map((t) => [t, after.counts[t] - before.counts[t]])),
      },
    };
    writeFileSync(resultFile, JSON.stringify(result, null, 2));
  } finally {
    await db.end().catch(() => {});
    await fake.close();
  }
}

runMain(main, { limitMs: (plan.durationS + plan.downForS + plan.drainS + 400) * 1000, limitMessage: 'provider load: hard time limit reached' });
