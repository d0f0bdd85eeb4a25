// `npm run bench`: the real-time delivery benchmark (issue #8, PRD §6.4 and §10). See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { startWorld, seed, startNode, run, sampleServers, cpuSnapshot, cpuBetween, resultsDir, benchDir, root } from './lib/cluster.mjs';
import { databaseTransactions, processesCpuSeconds } from './lib/measure.mjs';
import { loadHistory, timeReads } from './history.mjs';
import { loadAudit, timeAuditReads } from './audit.mjs';
import { formatReport } from './lib/report.mjs';
import { sampledSend, startCollector } from './lib/traces.mjs';
import { runMain } from './lib/process.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    points: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    messages: { type: 'string' },
    'audit-events': { type: 'string' },
    staff: { type: 'string' },
    'staff-rate': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'capacity-sockets': { type: 'string' },
    'trace-ratio': { type: 'string' },
    outage: { type: 'string' },
    'provider-rate': { type: 'string' },
    refusal: { type: 'string' },
  },
});

const quick = args.quick;
const FAULTS = ['node-kill', 'pg-restart', 'provider-fault', 'races'];
const PHASES = ['delivery', 'staff', 'history', 'audit', 'two-nodes', 'capacity', 'faults', ...FAULTS];
// capacity (a ladder of points) and faults (a node killed, Postgres restarted, the provider down) run only when asked
// for; each fault also runs alone by its name.
const ON_REQUEST = ['capacity', 'faults', ...FAULTS];
const phases = new Set((args.only ?? PHASES.filter((p) => !ON_REQUEST.includes(p)).join(',')).split(','));
if (phases.has('faults')) for (const fault of FAULTS) phases.add(fault);
for (const phase of phases) if (!PHASES.includes(phase)) throw new Error(`--only takes any of ${PHASES.join(',')}, not ${phase}`);
const points = (args.points ?? (quick ? '200x50' : '200x50,1000x200,2000x500')).split(',').map((p) => {
  const [sockets, rate] = p.split('x').map(Number);
  if (!(sockets >= 3 && rate > 0)) throw new Error(`--points takes SOCKETSxRATE pairs like 1000x200, not ${p}`);
  return { sockets, rate };
});
const durationS = Number(args.duration ?? (quick ? 10 : 30));
// Seconds of sending at the point's rate before its measured window: a fresh node's first sends run cold code and
// caches. Their messages still count in the ledger (lost, duplicated); their latencies are reported on their own.
const warmupS = Number(args.warmup ?? (quick ? 0 : 3));
if (!(warmupS >= 0 && warmupS <= 60)) throw new Error(`--warmup takes seconds from 0 to 60, not ${args.warmup}`);
// The staff-heavy point: this many distinct staff people, each with one socket, hear one Business sending at this rate.
const staffPoint = { staff: Number(args.staff ?? 100), rate: Number(args['staff-rate'] ?? 50) };
if (!(Number.isInteger(staffPoint.staff) && staffPoint.staff >= 1 && staffPoint.rate > 0)) throw new Error(`--staff takes a whole number of staff sockets (at least 1) and --staff-rate a rate above 0, not ${args.staff} and ${args['staff-rate']}`);
const historyMessages = Number(args.messages ?? (quick ? 100_000 : 1_000_000));
const historyConversations = quick ? 1_000 : 10_000;
const auditEvents = Number(args['audit-events'] ?? (quick ? 100_000 : 1_000_000));
// PRD §10 traces: the share of sends the nodes trace while the bench runs; one complete one is shown per point.
const traceRatio = Number(args['trace-ratio'] ?? 0.01);
if (!(traceRatio >= 0 && traceRatio <= 1)) throw new Error(`--trace-ratio takes a share of sends from 0 to 1, not ${args['trace-ratio']}`);
let collector = null;
const LIST_SIZE = 500;
const DRAIN_S = 10;
const STAFF_SOCKETS = 2;
const SOCKETS_PER_BUSINESS = 4;
const twoNodePoint = quick ? { sockets: 200, rate: 50 } : { sockets: 1000, rate: 200 };
// Issue 25's node kill: this load on two nodes, node B (every receiver) killed a third of the way in.
const faultPoint = quick ? { sockets: 200, rate: 50 } : { sockets: 1000, rate: 100 };
// Issue 25's provider down: the Owner sends this many SMS a second to client threads; the fake Twilio refuses every
// request from a third of the way in for `outage` seconds (503, or `--refusal=reset`: connections dropped).
const providerPoint = {
  rate: Number(args['provider-rate'] ?? 10),
  outageS: Number(args.outage ?? 25),
  refusal: args.refusal === undefined ? 503 : args.refusal === 'reset' ? 'reset' : Number(args.refusal),
  threads: 10,
  drainS: 120,
};
if (!(providerPoint.rate > 0 && providerPoint.outageS > 0 && (providerPoint.refusal === 'reset' || (providerPoint.refusal >= 500 && providerPoint.refusal <= 599)))) {
  throw new Error(`--provider-rate and --outage take numbers above 0 and --refusal a 5xx status or 'reset', not ${args['provider-rate']}, ${args.outage} and ${args.refusal}`);
}
// The capacity ladders (issue 24): at these sockets, each setup's rate rises step by step while p95 delivery stays
// within CAPACITY_P95_MS with nothing lost, duplicated or timed out; the highest such rate is its capacity.
const capacitySockets = Number(args['capacity-sockets'] ?? (quick ? 200 : 1000));
const CAPACITY_P95_MS = 40;
// Steps that grow with the rate, up to where the one load process itself nears a core (its loop delay is in the table):
// on a faster machine both ladders passed their old tops (3,000 and 500 msg/s), which left the share unmeasured.
const FLOOR_RATES = [200, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000];
const SWITCHBOARD_RATES = [50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2500, 3000];
const STAFF = [
  { email: 'admin@demo.test', password: 'Demo-Admin-1!' },
  { email: 'admin2@demo.test', password: 'Demo-Admin-2!' },
];

const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
// The staff-heavy point needs one business; the others as many as their sockets take.
const businessesNeeded = Math.max(
  1,
  ...(phases.has('delivery') || phases.has('two-nodes') || phases.has('capacity') || FAULTS.some((f) => phases.has(f)) ? [...points, twoNodePoint, faultPoint, { sockets: capacitySockets }] : []).map((p) =>
    Math.ceil((p.sockets - STAFF_SOCKETS) / SOCKETS_PER_BUSINESS),
  ),
);

/** The floor server's accounts: it checks no token, and each business's conversation is its own number. */
function floorAccounts() {
  const businesses = Array.from({ length: businessesNeeded }, (_, i) => ({ businessId: i + 1, conversationId: i + 1, token: `business:${i + 1}` }));
  return { staffTokens: Array.from({ length: STAFF_SOCKETS }, () => 'staff'), businesses };
}

/**
 * The demo admins' access tokens on a node, signed in once and reused for ten minutes: admin login is rate-limited
 * per account, and the capacity ladder's points would otherwise sign them in again for every rate (it answered 429).
 */
const staffLogins = new Map();
async function staffTokens(node) {
  const known = staffLogins.get(node.url);
  if (known && Date.now() - known.at < 10 * 60_000) return known.tokens;
  const tokens = await signInStaff(node);
  staffLogins.set(node.url, { at: Date.now(), tokens });
  return tokens;
}

async function signInStaff(node) {
  const tokens = [];
  for (const account of STAFF.slice(0, STAFF_SOCKETS)) {
    const res = await fetch(`${node.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(account) });
    if (!res.ok) throw new Error(`admin login for ${account.email} answered ${res.status}`);
    tokens.push((await res.json()).data.token);
  }
  return tokens;
}

/**
 * One load point. The usual shape: the two demo admins' staff sockets and four sockets per bench business.
 * With `staff` (the staff-heavy point): that many bench staff people, one socket each, and one bench business with
 * one socket that sends into its one conversation, so every message reaches every staff socket.
 */
async function deliveryPoint(world, { sendNode, receiveNode, nodes, point, label, staff = 0, floor = false }) {
  // Fresh tokens for every point: app access tokens live ten minutes. The floor has no accounts.
  const seeded = floor ? null : await seed(world, staff ? 1 : businessesNeeded, { staff });
  const pids = Object.fromEntries(nodes.map((n) => [n.name, n.pid]));
  const accounts = floor
    ? floorAccounts()
    : { staffTokens: staff ? seeded.staff.map((s) => s.token) : await staffTokens(receiveNode), businesses: staff ? seeded.businesses.slice(0, 1) : seeded.businesses };
  const plan = {
    sendUrl: sendNode.url,
    receiveUrl: receiveNode.url,
    sockets: point.sockets,
    rate: point.rate,
    durationS,
    warmupS,
    drainS: DRAIN_S,
    staffTokens: accounts.staffTokens,
    businesses: accounts.businesses,
    socketsPerBusiness: staff ? 1 : SOCKETS_PER_BUSINESS,
    runTag: `bench${randomBytes(3).toString('hex')}`,
    // For the per-message costs, which start counting at the first send.
    serverPids: pids,
    databaseUrl: world.databaseUrl,
  };
  const planFile = path.join(resultsDir, '.plan.json');
  const resultFile = path.join(resultsDir, '.load-result.json');
  writeFileSync(planFile, JSON.stringify(plan));
  log(`${label}: ${point.socketsLabel ?? `${point.sockets} sockets`}, ${point.rate} msg/s for ${warmupS > 0 ? `${warmupS} s of warm-up and ` : ''}${durationS} s`);
  const before = await Promise.all(nodes.map((n) => scrapeQuiet(n, world)));
  const statementsBefore = await databaseTransactions(world.databaseUrl);
  // Other work on the machine shows here: the figures are only as quiet as the machine was.
  const loadAverageBefore = os.loadavg()[0];
  const sampler = sampleServers(nodes, world.env.METRICS_TOKEN);
  collector?.clear();
  // Over the whole load process, connecting the sockets included; the load process measures its own CPU while sending.
  const groups = { postgres: /switchboard_bench|data\/bench\/pg-/ };
  const cpuAtStart = cpuSnapshot(pids, groups);
  await run(process.execPath, [path.join(benchDir, 'delivery-load.mjs'), planFile, resultFile], {}, (warmupS + durationS + DRAIN_S + 300) * 1000);
  const cpu = cpuBetween(cpuAtStart, cpuSnapshot(pids, groups));
  const servers = await sampler.stop();
  const after = await Promise.all(nodes.map((n) => scrapeQuiet(n, world)));
  const settleSeconds = await settle(nodes, world);
  const serverCpuSecondsAtQuiet = processesCpuSeconds(pids);
  const statementsAfter = await databaseTransactions(world.databaseUrl);
  const { readFileSync } = await import('node:fs');
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  const serverSide = nodes.map((n, i) => serverDelivery(n.name, before[i], after[i]));
  // Every autocommit statement is a transaction of its own, so this counts statements plus explicit transactions.
  const databaseTransactionsPerMessage = result.messagesSent ? (statementsAfter - statementsBefore) / result.messagesSent : null;
  const perMessage = perMessageCosts(result, serverCpuSecondsAtQuiet, statementsAfter);
  const memoryPerSocketKb = memoryPerSocket(result);
  // The nodes export their spans in batches every second: wait for the last one, then pick a typical sampled send.
  let trace = null;
  if (collector && !floor) {
    await new Promise((r) => setTimeout(r, 2_500));
    trace = sampledSend(collector.spans, nodes.length);
  }
  return { label, ...point, ...result, trace, servers, serverSide, databaseTransactionsPerMessage, perMessage, memoryPerSocketKb, loadAverage1m: { before: loadAverageBefore, after: os.loadavg()[0] }, settleSeconds, cpu };
}

/**
 * What each message sent cost from the first send until the server was quiet again (its backlog and the sockets'
 * goodbyes included, the handshakes not): server CPU (all nodes added up) and database transactions.
 */
function perMessageCosts(result, serverCpuSecondsAtQuiet, statementsAtQuiet) {
  if (!result.messagesSent) return null;
  const start = result.serverCpuSecondsAtSendStart ?? {};
  const serverCpuSeconds = Object.fromEntries(
    Object.keys(serverCpuSecondsAtQuiet).map((name) => [name, start[name] === null || start[name] === undefined || serverCpuSecondsAtQuiet[name] === null ? null : serverCpuSecondsAtQuiet[name] - start[name]]),
  );
  const cpuKnown = Object.values(serverCpuSeconds).every((v) => v !== null);
  return {
    serverCpuSeconds,
    serverCpuMs: cpuKnown ? (1000 * Object.values(serverCpuSeconds).reduce((a, b) => a + b, 0)) / result.messagesSent : null,
    databaseTransactions: result.databaseTransactionsAtSendStart === null || result.databaseTransactionsAtSendStart === undefined ? null : (statementsAtQuiet - result.databaseTransactionsAtSendStart) / result.messagesSent,
  };
}

/**
 * What the nodes' memory grew by while the sockets connected, per connected socket, in KB (issue 24: ≤ 20 KB a
 * socket): each node read after a full collection before the first handshake and again just before the first send
 * (lib/memory-probe.cjs). `live`: the JavaScript heap in use plus memory outside it (buffers); `rss`: resident memory,
 * which also moves with what the allocators keep or hand back (it can even fall), so it is the rougher of the two.
 */
function memoryPerSocket(result) {
  const before = result.serverMemoryBeforeConnect ?? {};
  const after = result.serverMemoryConnected ?? {};
  const names = Object.keys(after);
  if (!result.socketsConnected || names.length === 0 || names.some((n) => !before[n] || !after[n])) return null;
  const grew = (field) => names.reduce((sum, n) => sum + field(after[n]) - field(before[n]), 0) / result.socketsConnected / 1024;
  return { live: grew((m) => m.heapUsed + m.external), rss: grew((m) => m.rss) };
}

const sendsHandled = (values) => Object.entries(values).filter(([k]) => k.startsWith('message_send_attempts_total')).reduce((n, [, v]) => n + v, 0);

/**
 * Waits (at most two minutes) until no node handles sends any more: a node that fell behind keeps working through
 * its backlog after the load process has gone, and the next point or a booting seed must not run into it.
 */
async function settle(nodes, world) {
  const started = Date.now();
  let last = -1;
  while (Date.now() - started < 120_000) {
    const handled = (await Promise.all(nodes.map((n) => scrapeQuiet(n, world)))).reduce((n, v) => n + sendsHandled(v), 0);
    if (handled === last) break;
    last = handled;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 5) log(`the server needed ${seconds.toFixed(0)} s after the load stopped to work through its backlog`);
  return seconds;
}

async function scrapeQuiet(node, world) {
  const { scrape } = await import('./lib/cluster.mjs');
  try {
    return await scrape(node, world.env.METRICS_TOKEN);
  } catch {
    return {};
  }
}

/** The server's own commit → emit histogram over the run, from two scrapes: the count and mean, and the share under 15 ms. */
function serverDelivery(name, before, after) {
  const d = (k) => (after[k] ?? 0) - (before[k] ?? 0);
  const count = d('real_time_delivery_latency_ms_count{source="server"}');
  return {
    node: name,
    commitToEmitCount: count,
    commitToEmitMeanMs: count ? d('real_time_delivery_latency_ms_sum{source="server"}') / count : null,
    commitToEmitUnder15MsShare: count ? d('real_time_delivery_latency_ms_bucket{le="15",source="server"}') / count : null,
    sendErrors: Object.keys(after).filter((k) => k.startsWith('message_send_errors_total')).reduce((n, k) => n + d(k), 0),
  };
}

/** A point passes the capacity bar: everything acknowledged and heard once, in time, with p95 delivery within the bar. */
const sustains = (r) => r.ackTimeouts === 0 && r.sendErrors === 0 && r.ledger.lost === 0 && r.ledger.duplicated === 0 && r.delivery.p95 !== null && r.delivery.p95 <= CAPACITY_P95_MS;

/** Raises the rate along `rates` until a point fails the bar; answers every point run and the highest that passed. */
async function ladder(world, node, rates, label, floor) {
  const points = [];
  let sustained = null;
  for (const rate of rates) {
    const r = await deliveryPoint(world, { sendNode: node, receiveNode: node, nodes: [node], point: { sockets: capacitySockets, rate }, label, floor });
    points.push(r);
    log(`${label} at ${rate} msg/s: p95 ${r.delivery.p95?.toFixed(1) ?? '—'} ms, ${r.ackTimeouts} ack timeouts, lost ${r.ledger.lost}, dup. ${r.ledger.duplicated} → ${sustains(r) ? 'sustained' : 'not sustained'}`);
    if (!sustains(r)) break;
    sustained = rate;
  }
  return { points, sustainedMsgPerS: sustained };
}

/**
 * Issue 24's floor and capacity, in one run on one machine: a bare socket.io server doing one INSERT per message
 * (bench/floor-server.mjs), then one Switchboard node, each at `capacitySockets` sockets on rising rates; each
 * setup's capacity is its highest rate with p95 delivery ≤ CAPACITY_P95_MS, and Switchboard's is also a share of the floor's.
 */
async function capacity(world, nodeArgs) {
  const floorNode = await startNode(world, { name: 'floor', script: 'floor-server.mjs' });
  let floor;
  try {
    floor = await ladder(world, floorNode, FLOOR_RATES, 'floor', true);
  } finally {
    await floorNode.stop();
  }
  const node = await startNode(world, { name: 'node-capacity', extraEnv: { NODE_ID: '1' }, nodeArgs });
  let switchboard;
  try {
    switchboard = await ladder(world, node, SWITCHBOARD_RATES, 'one node', false);
  } finally {
    await node.stop();
  }
  const share = floor.sustainedMsgPerS && switchboard.sustainedMsgPerS !== null ? switchboard.sustainedMsgPerS / floor.sustainedMsgPerS : null;
  return { sockets: capacitySockets, p95BarMs: CAPACITY_P95_MS, floor, switchboard, shareOfFloor: share, floorRatesTried: FLOOR_RATES.length, switchboardRatesTried: SWITCHBOARD_RATES.length };
}

/**
 * A fault run's world: two nodes on the Postgres adapter (senders will be on A, receivers on B), seeded, and the plan
 * fields every fault load shares; `work` gets both nodes and those fields; the nodes are stopped after it.
 */
async function withFaultNodes(world, name, work) {
  const adapter = { REALTIME_ADAPTER: 'postgres' };
  const a = await startNode(world, { name: `node-a-${name}`, extraEnv: { ...adapter, NODE_ID: '1' } });
  const b = await startNode(world, { name: `node-b-${name}`, extraEnv: { ...adapter, NODE_ID: '2' } });
  try {
    const seeded = await seed(world, businessesNeeded);
    const common = {
      urlA: a.url,
      urlB: b.url,
      sockets: faultPoint.sockets,
      rate: faultPoint.rate,
      durationS,
      drainS: 60,
      staffTokens: await staffTokens(a),
      businesses: seeded.businesses,
      socketsPerBusiness: SOCKETS_PER_BUSINESS,
      runTag: `${name}${randomBytes(3).toString('hex')}`,
    };
    return await work({ a, b, common });
  } finally {
    await b.stop();
    await a.stop();
  }
}

/**
 * Issue 25's node kill: two nodes on the Postgres adapter, senders on A and every receiver on B; B is killed
 * (SIGKILL) a third of the way through; its sockets reconnect to A and resync (bench/fault-load.mjs).
 */
async function nodeKill(world) {
  return withFaultNodes(world, 'fault', async ({ b, common }) => {
    const plan = { ...common, nodeBPid: b.pid, killAtS: durationS / 3 };
    const planFile = path.join(resultsDir, '.fault-plan.json');
    const resultFile = path.join(resultsDir, '.fault-result.json');
    writeFileSync(planFile, JSON.stringify(plan));
    log(`faults: node kill — ${faultPoint.sockets} sockets (receivers on B), ${faultPoint.rate} msg/s for ${durationS} s, B killed at ${plan.killAtS.toFixed(0)} s`);
    await run(process.execPath, [path.join(benchDir, 'fault-load.mjs'), planFile, resultFile], {}, (durationS + plan.drainS + 300) * 1000);
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    log(`faults: node kill — every socket current again after ${result.recoverySeconds?.toFixed(1) ?? '—'} s; lost ${result.lost}, duplicated ${result.duplicated}, recovered by resync ${result.recoveredByResync}`);
    return { ...faultPoint, ...result };
  });
}

/**
 * Issue 25's cross-node races (bench/race-load.mjs): one idempotency key sent at once over HTTP to A and over the
 * socket to B, many times; two senders on two nodes sending into one conversation at once, in several conversations.
 */
async function races(world) {
  return withFaultNodes(world, 'races', async ({ common }) => {
    const plan = { ...common, databaseUrl: world.databaseUrl, keyRaces: quick ? 100 : 500, orderConversations: 10, perSender: 20 };
    const planFile = path.join(resultsDir, '.races-plan.json');
    const resultFile = path.join(resultsDir, '.races-result.json');
    writeFileSync(planFile, JSON.stringify(plan));
    log(`faults: races — ${plan.keyRaces} keys raced over HTTP to A and the socket to B; ${plan.orderConversations} conversations with a sender on each node`);
    await run(process.execPath, [path.join(benchDir, 'race-load.mjs'), planFile, resultFile], {}, 600_000);
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    log(`faults: races — keys stored twice ${result.keyRaces.storedTwice}, answers disagreeing ${result.keyRaces.answersDisagreeing}; viewers out of order ${result.order.viewersOutOfOrder} of ${result.order.viewersChecked}`);
    return result;
  });
}

/**
 * Issue 25's provider down: one node with the Twilio provider on the fake Twilio (bench/provider-load.mjs runs the
 * fake, connects it through bench/provider-setup.cjs, sends, takes it down and up, and keeps the ledger).
 */
async function providerDown(world) {
  const node = await startNode(world, { name: 'node-provider', extraEnv: { NODE_ID: '1' } });
  try {
    const plan = {
      nodeUrl: node.url,
      databaseUrl: world.databaseUrl,
      rate: providerPoint.rate,
      durationS,
      downAtS: durationS / 3,
      downForS: providerPoint.outageS,
      refusal: providerPoint.refusal,
      drainS: providerPoint.drainS,
      threads: providerPoint.threads,
      runTag: `sms${randomBytes(3).toString('hex')}`,
    };
    const planFile = path.join(resultsDir, '.provider-plan.json');
    const resultFile = path.join(resultsDir, '.provider-result.json');
    writeFileSync(planFile, JSON.stringify(plan));
    log(`faults: provider down — ${plan.rate} SMS/s to ${plan.threads} client threads for ${durationS} s; the fake Twilio refuses everything (${plan.refusal}) from ${plan.downAtS.toFixed(0)} s for ${plan.downForS} s`);
    const loadAverage1m = { before: os.loadavg()[0] };
    await run(process.execPath, [path.join(benchDir, 'provider-load.mjs'), planFile, resultFile], { env: world.env }, (durationS + plan.downForS + plan.drainS + 400) * 1000);
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    log(`faults: provider down — ${result.atFake} of ${result.appAccepted} SMS at the provider; lost ${result.lost}, duplicated ${result.duplicated}; ${result.refusedSendAttempts} send attempts refused; breaker ${result.breaker.opened ? 'opened' : 'never opened'}${result.breaker.closed ? ' and closed' : ''}; recovery ${result.recoverySeconds.toFixed(1)} s`);
    return { ...result, loadAverage1m: { ...loadAverage1m, after: os.loadavg()[0] } };
  } finally {
    await node.stop();
  }
}

/**
 * Issue 25's Postgres restart: two nodes on the Postgres adapter (senders on A, receivers on B); when the load says
 * so, Postgres stops and starts again on the same data; sends that fail are sent again with the same key
 * (bench/restart-load.mjs). The nodes are not restarted.
 */
async function postgresRestart(world) {
  return withFaultNodes(world, 'restart', async ({ common }) => {
    const plan = { ...common, restartAtS: durationS / 3, databaseUrl: world.databaseUrl };
    const planFile = path.join(resultsDir, '.restart-plan.json');
    const resultFile = path.join(resultsDir, '.restart-result.json');
    writeFileSync(planFile, JSON.stringify(plan));
    log(`faults: Postgres restart — ${faultPoint.sockets} sockets, ${faultPoint.rate} msg/s for ${durationS} s, restarted at ${plan.restartAtS.toFixed(0)} s`);
    const { spawn } = await import('node:child_process');
    let restart = { downSeconds: null };
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(benchDir, 'restart-load.mjs'), planFile, resultFile], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('RESTART') && restart.downSeconds === null) {
          restart.downSeconds = -1;
          const t0 = performance.now();
          world.restartPostgres().then(
            () => {
              restart = { downSeconds: (performance.now() - t0) / 1000 };
              log(`faults: Postgres answered again after ${restart.downSeconds.toFixed(1)} s`);
            },
            reject,
          );
        }
      });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`restart-load.mjs exited with ${code}`))));
    });
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    log(`faults: Postgres restart — ${result.messagesAcked} of ${result.messagesSent} acknowledged, stored twice ${result.storedTwice}, not heard live ${result.notHeardLive}, recovered by resync ${result.recoveredByResync}, lost ${result.lost}`);
    return { ...faultPoint, ...result, postgresDownSeconds: restart.downSeconds };
  });
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const startedAt = new Date();
  const report = {
    startedAt: startedAt.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: os.loadavg() },
    options: { quick, phases: [...phases], points, staffPoint, durationS, warmupS, historyMessages, historyConversations, auditEvents, providerPoint },
    delivery: [],
    staffHeavy: null,
    history: null,
    audit: null,
    twoNodes: null,
    capacity: null,
    faults: null,
  };
  const world = await startWorld({ log });
  collector = await startCollector();
  Object.assign(world.env, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, TRACE_SAMPLE_RATIO: String(traceRatio), OTEL_BSP_SCHEDULE_DELAY: '1000' });
  report.options.traceRatio = traceRatio;
  const nodes = [];
  try {
    const nodeArgs = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'profiles')}`] : [];
    if (phases.has('delivery') || phases.has('staff') || phases.has('history') || phases.has('audit')) {
      const a = await startNode(world, { name: 'node-a', extraEnv: { NODE_ID: '1' }, nodeArgs });
      nodes.push(a);
      log(`Strapi node A on ${a.url}`);
      if (phases.has('delivery')) {
        for (const point of points) report.delivery.push(await deliveryPoint(world, { sendNode: a, receiveNode: a, nodes: [a], point, label: 'one node' }));
      }
      if (phases.has('staff')) {
        // After the usual points, so that they run as before with no bench staff people in the database.
        const point = { sockets: staffPoint.staff + 1, rate: staffPoint.rate, socketsLabel: `${staffPoint.staff} staff + 1 sender` };
        report.staffHeavy = await deliveryPoint(world, { sendNode: a, receiveNode: a, nodes: [a], point, label: 'staff-heavy', staff: staffPoint.staff });
      }
      if (phases.has('history')) {
        const seeded = await seed(world, 1);
        log(`history: loading ${historyMessages.toLocaleString('en-US')} messages into ${historyConversations.toLocaleString('en-US')} conversations`);
        const loaded = await loadHistory({ databaseUrl: world.databaseUrl, vaUserId: seeded.historyVa.userId, conversations: historyConversations, messages: historyMessages, listSize: LIST_SIZE, log });
        log(`history: loaded in ${loaded.loadSeconds.toFixed(1)} s; timing reads`);
        const reads = await timeReads({ baseUrl: a.url, token: seeded.historyVa.token, conversationIds: loaded.vaConversationIds, samples: quick ? 50 : 200, listSamples: quick ? 5 : 20 });
        report.history = { ...loaded, vaConversationIds: undefined, ...reads };
      }
      if (phases.has('audit')) {
        log(`audit: loading ${auditEvents.toLocaleString('en-US')} audit events`);
        const loaded = await loadAudit({ databaseUrl: world.databaseUrl, events: auditEvents });
        log(`audit: loaded in ${loaded.loadSeconds.toFixed(1)} s; timing the timeline`);
        const res = await fetch(`${a.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'owner@demo.test', password: 'Demo-Owner-1!' }) });
        if (!res.ok) throw new Error(`admin login for the Owner answered ${res.status}`);
        const token = (await res.json()).data.token;
        const loadAverage1m = { before: os.loadavg()[0] };
        const reads = await timeAuditReads({ baseUrl: a.url, token, firstLoadedId: loaded.firstLoadedId, samples: quick ? 30 : 100 });
        report.audit = { ...loaded, loadAverage1m: { ...loadAverage1m, after: os.loadavg()[0] }, ...reads };
      }
      await a.stop();
      nodes.length = 0;
    }
    if (phases.has('capacity')) {
      report.capacity = await capacity(world, nodeArgs);
    }
    if (FAULTS.some((f) => phases.has(f))) {
      report.faults = {};
      if (phases.has('node-kill')) report.faults.nodeKill = await nodeKill(world);
      if (phases.has('pg-restart')) report.faults.postgresRestart = await postgresRestart(world);
      if (phases.has('provider-fault')) report.faults.providerDown = await providerDown(world);
      if (phases.has('races')) report.faults.races = await races(world);
    }
    if (phases.has('two-nodes')) {
      const adapter = { REALTIME_ADAPTER: 'postgres' };
      const a = await startNode(world, { name: 'node-a-pg', extraEnv: { ...adapter, NODE_ID: '1' }, nodeArgs });
      const b = await startNode(world, { name: 'node-b-pg', extraEnv: { ...adapter, NODE_ID: '2' } });
      nodes.push(a, b);
      log(`two nodes with the postgres adapter: A ${a.url} (senders), B ${b.url} (receivers)`);
      report.twoNodes = await deliveryPoint(world, { sendNode: a, receiveNode: b, nodes: [a, b], point: twoNodePoint, label: 'two nodes' });
    }
  } finally {
    for (const n of nodes) await n.stop();
    await world.stop();
    await collector.stop();
  }
  report.finishedAt = new Date().toISOString();
  report.machine.loadAverageAtEnd = os.loadavg();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify(report, null, 2));
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
  const table = formatReport(report);
  writeFileSync(path.join(resultsDir, 'latest.md'), table);
  console.log(`\n${table}`);
  console.log(`Results: ${path.relative(root, path.join(resultsDir, `${stamp}.json`))}`);
}

runMain(main, { limitMs: 90 * 60_000, limitMessage: 'bench: the whole run exceeded its 90-minute limit; stopping.' });
