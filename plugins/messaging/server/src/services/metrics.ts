import type { Core } from '@strapi/strapi';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { loadEnv } from '@switchboard/config';
import { boundClientReport, clientMetricsReportSchema, type ReportCredit } from '../domain/client-metrics';
import type { Viewer } from '../domain/viewer';
import { jsonLogLine, logs } from '../domain/json-log';
import type { SendResult } from './messages';
import { getService } from '../get-service';
import { ValidationError, activeTraceId, asRefusal, inSpan, statusOf } from '@switchboard/kit';
import type { TraceSpan as Span } from '@switchboard/kit';

/** Where a send came from: the REST route or the socket's message:send. */
export type SendTransport = 'http' | 'socket';

// Bucket edges at the delivery targets (15, 40, 100 ms) and the PRD §10 SLOs (300, 800 ms), so both read straight off.
const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 15, 25, 40, 60, 100, 150, 300, 500, 800, 1500, 3000, 10_000];
const HTTP_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000];

/** PRD §10 "SLOs (initial)": real-time delivery p50 ≤ 300 ms and p95 ≤ 800 ms (the send error rate is counted beside). */
export const SLO_DELIVERY_P50_MS = 300;
export const SLO_DELIVERY_P95_MS = 800;
/** How often a node adds its SLO counts to the shared table (messaging_slo_minute). */
const SLO_FLUSH_MS = 10_000;
/** How long the per-minute rows are kept. */
const SLO_KEEP_MS = 7 * 24 * 3_600_000;

interface SloCounts {
  attempts: number;
  failures: number;
  deliveries: number;
  withinP50: number;
  withinP95: number;
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * PRD §10 observability: one prom-client registry per Strapi instance, served at GET /api/messaging/metrics to
 * holders of METRICS_TOKEN, and one structured JSON log line per message send.
 */
const metrics = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const deliveryLatency = new Histogram({
    name: 'real_time_delivery_latency_ms',
    help: 'Real-time delivery latency in ms. source="server": message committed → message:new emitted on this node; source="client": reported by clients (sender send call → message:new).',
    labelNames: ['source'] as const,
    buckets: LATENCY_BUCKETS_MS,
    registers: [registry],
  });
  const sendToAck = new Histogram({
    name: 'optimistic_send_duration_to_ack_ms',
    help: 'Client-reported time from an optimistic send to its server ack, in ms.',
    buckets: LATENCY_BUCKETS_MS,
    registers: [registry],
  });
  const sendAttempts = new Counter({
    name: 'message_send_attempts_total',
    help: 'Message sends handled, by transport and outcome (sent, replayed, refused = 4xx, failed = 5xx).',
    labelNames: ['transport', 'outcome'] as const,
    registers: [registry],
  });
  const sendErrors = new Counter({
    name: 'message_send_errors_total',
    help: 'Message sends that did not succeed, by transport and HTTP status. message_send_error_rate = errors / attempts.',
    labelNames: ['transport', 'status'] as const,
    registers: [registry],
  });
  const sendDuration = new Histogram({
    name: 'message_send_duration_ms',
    help: 'Server time to handle one send (validation, transaction, fan-out), in ms.',
    labelNames: ['transport'] as const,
    buckets: LATENCY_BUCKETS_MS,
    registers: [registry],
  });
  const reconnectAttempts = new Counter({ name: 'reconnect_attempts_count', help: 'Client-reported socket reconnect attempts.', registers: [registry] });
  const reconnectSuccesses = new Counter({ name: 'reconnect_successes_count', help: 'Client-reported socket reconnects that succeeded; success rate = successes / attempts.', registers: [registry] });
  const orderingRepairs = new Counter({ name: 'ordering_repair_events_count', help: 'Client-reported merges that re-ordered or de-duplicated messages.', registers: [registry] });
  const clientReports = new Counter({ name: 'client_metric_reports_total', help: 'metrics:report events accepted from clients.', registers: [registry] });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered by this Strapi node, by method and status.',
    labelNames: ['method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({ name: 'http_request_duration_ms', help: 'HTTP request duration in ms.', labelNames: ['method'] as const, buckets: HTTP_BUCKETS_MS, registers: [registry] });
  const socketsOpen = new Gauge({ name: 'socket_connections', help: 'socket.io connections open on this node now.', registers: [registry] });
  const socketConnections = new Counter({ name: 'socket_connections_total', help: 'socket.io connections accepted since start.', registers: [registry] });
  const socketRefusals = new Counter({ name: 'socket_handshake_refusals_total', help: 'socket.io handshakes refused (missing, bad or expired token).', registers: [registry] });
  const retriesJoined = new Counter({ name: 'message_send_retries_joined_total', help: 'Sends that repeated one still running on this node (same sender and idempotency key) and waited for it instead of doing the work again.', registers: [registry] });
  const unreadCounts = new Counter({
    name: 'conversation_unread_counts_total',
    help: "Unread counts behind this node's conversation:updated, by where they came from: the send's own statement (send), this node's counts of the message before plus one (tally), or a count in the database (database).",
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const sendStatements = new Counter({
    name: 'message_send_statements_total',
    help: "Sends' one-statement writes, by how they ran: alone, in a batch of several committed together (batch), or in a batch that failed and ran again alone (failed_batch).",
    labelNames: ['how'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'message_send_statements_waiting',
    help: "Sends' one-statement writes waiting now for one running to finish (they then go together, in one batch).",
    registers: [registry],
    collect() {
      this.set(getService(strapi, 'message-store').sendsWaiting());
    },
  });
  const sendBatches = new Counter({ name: 'message_send_batches_total', help: 'Batches of sends written in one round trip and one commit (services/message-store.ts).', registers: [registry] });
  const deliveryGaps = new Counter({ name: 'realtime_delivery_gaps_total', help: "Times this node found another node's message events missing (its sockets were told to resync).", registers: [registry] });
  const deliveryGapEvents = new Counter({ name: 'realtime_missed_message_events_total', help: "Another node's message events this node never heard (recovered by the sockets' resync).", registers: [registry] });
  // knex's tarn pool: queries waiting for a connection show a database that cannot keep up (or a pool too small).
  const pool = () => (strapi.db?.connection as any)?.client?.pool;
  new Gauge({
    name: 'database_pool_connections',
    help: 'Database pool connections of this node, by state (used, free, pending = queries waiting for one).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'used' }, p.numUsed());
      this.set({ state: 'free' }, p.numFree());
      this.set({ state: 'pending' }, p.numPendingAcquires());
    },
  });

  // JSON lines to stdout, apart from Strapi's pretty console log, so a log shipper can index the tags.
  // The lines of the last 100 ms go out in one write: stdout on a pipe is a blocking write per call (issue 24).
  let pendingLines: string[] = [];
  const flushLines = () => {
    if (pendingLines.length === 0) return;
    const text = pendingLines.join('');
    pendingLines = [];
    process.stdout.write(text);
  };
  process.once('exit', flushLines);
  const sendLog = (level: 'info' | 'error', message: string, fields: Record<string, unknown>) => {
    if (!logs(level, env.LOG_LEVEL)) return;
    if (pendingLines.length === 0) setTimeout(flushLines, 100).unref();
    pendingLines.push(jsonLogLine(level, message, fields, 'messaging', new Date()));
  };
  const expectedToken = env.METRICS_TOKEN ? digest(env.METRICS_TOKEN) : null;

  // The PRD §10 SLO counts of this node not yet added to messaging_slo_minute, by minute (a map lookup per send or
  // delivery; the database sees one upsert per minute every SLO_FLUSH_MS), so every node's figures meet in Postgres.
  const slo = new Map<number, SloCounts>();
  const sloMinute = () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    let counts = slo.get(minute);
    if (!counts) slo.set(minute, (counts = { attempts: 0, failures: 0, deliveries: 0, withinP50: 0, withinP95: 0 }));
    return counts;
  };
  const sloDelivery = (ms: number) => {
    const counts = sloMinute();
    counts.deliveries += 1;
    if (ms <= SLO_DELIVERY_P50_MS) counts.withinP50 += 1;
    if (ms <= SLO_DELIVERY_P95_MS) counts.withinP95 += 1;
  };
  let flushTimer: NodeJS.Timeout | null = null;
  let lastPrune = 0;

  /** The active trace's id for a JSON log line, when the send is traced. */
  const traceField = (): { trace_id?: string } => {
    const traceId = activeTraceId();
    return traceId ? { trace_id: traceId } : {};
  };

  /** One send, counted and logged with the PRD §10 tags (and its trace id) inside its span. */
  async function measured(span: Span, viewer: Viewer, transport: SendTransport, conversationId: unknown, work: () => Promise<SendResult>): Promise<SendResult> {
    const started = process.hrtime.bigint();
    try {
      const result = await work();
      sendAttempts.inc({ transport, outcome: result.status === 201 ? 'sent' : 'replayed' });
      sloMinute().attempts += 1;
      sendDuration.observe({ transport }, elapsedMs(started));
      sendLog('info', result.status === 201 ? 'message sent' : 'message send replayed', {
        event: 'message.send',
        transport,
        conversation_id: result.message.conversationId,
        message_id: result.message.id,
        route_type: result.message.routeType,
        actor_role: viewer.kind,
        effective_role: result.message.sender.role,
        masquerade: result.message.routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS',
        duration_ms: Math.round(elapsedMs(started) * 10) / 10,
        ...traceField(),
      });
      span.setAttributes({ 'messaging.conversation_id': result.message.conversationId, 'messaging.message_id': result.message.id, 'messaging.route_type': result.message.routeType, 'messaging.replayed': result.status === 200 });
      return result;
    } catch (error) {
      const status = statusOf(asRefusal(error)) ?? 500;
      sendAttempts.inc({ transport, outcome: status >= 500 ? 'failed' : 'refused' });
      // The SLO's error rate counts the server's faults (5xx); a caller's mistake (4xx) is not an error of the API.
      const counts = sloMinute();
      counts.attempts += 1;
      if (status >= 500) counts.failures += 1;
      sendErrors.inc({ transport, status: String(status) });
      sendLog(status >= 500 ? 'error' : 'info', 'message send refused', {
        event: 'message.send',
        transport,
        conversation_id: String(conversationId ?? ''),
        actor_role: viewer.kind,
        status,
        reason: error instanceof Error ? error.message : String(error),
        ...traceField(),
      });
      throw error;
    }
  }

  return {
    registry,

    /** Koa middleware counting every HTTP request; installed in register() so it wraps the whole chain. */
    httpCounter() {
      return async (ctx: any, next: () => Promise<void>) => {
        const started = process.hrtime.bigint();
        try {
          await next();
        } finally {
          httpRequests.inc({ method: ctx.method, status: String(ctx.status) });
          httpDuration.observe({ method: ctx.method }, elapsedMs(started));
        }
      };
    },

    /** True when the Authorization header carries METRICS_TOKEN as a bearer token (never when it is unset). */
    acceptsScrape(authorization: string | undefined): boolean {
      if (!expectedToken) return false;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      return match !== null && timingSafeEqual(digest(match[1]), expectedToken);
    },

    get configured(): boolean {
      return expectedToken !== null;
    },

    /** Adds this node's pending SLO counts to messaging_slo_minute (and drops rows older than a week, now and then). */
    async flushSlo(): Promise<void> {
      const pending = [...slo.entries()];
      slo.clear();
      const knex = strapi.db.connection;
      for (const [minute, c] of pending) {
        try {
          await knex.raw(
            `INSERT INTO messaging_slo_minute (minute, send_attempts, send_failures, deliveries, within_p50_target, within_p95_target) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (minute) DO UPDATE SET send_attempts = messaging_slo_minute.send_attempts + EXCLUDED.send_attempts, send_failures = messaging_slo_minute.send_failures + EXCLUDED.send_failures,
               deliveries = messaging_slo_minute.deliveries + EXCLUDED.deliveries, within_p50_target = messaging_slo_minute.within_p50_target + EXCLUDED.within_p50_target, within_p95_target = messaging_slo_minute.within_p95_target + EXCLUDED.within_p95_target`,
            [new Date(minute), c.attempts, c.failures, c.deliveries, c.withinP50, c.withinP95],
          );
        } catch (error) {
          strapi.log.warn(`[messaging] SLO counts of ${new Date(minute).toISOString()} not saved: ${error}`);
        }
      }
      if (Date.now() - lastPrune > 3_600_000) {
        lastPrune = Date.now();
        await knex('messaging_slo_minute').where('minute', '<', new Date(Date.now() - SLO_KEEP_MS)).del().catch(() => undefined);
      }
    },

    /** Flushes the SLO counts every few seconds until `stopSloFlush` (which flushes once more). */
    startSloFlush(): void {
      if (flushTimer) return;
      flushTimer = setInterval(() => void this.flushSlo(), SLO_FLUSH_MS);
      flushTimer.unref();
    },
    async stopSloFlush(): Promise<void> {
      if (flushTimer) clearInterval(flushTimer);
      flushTimer = null;
      await this.flushSlo();
    },

    async exposition(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },

    /** Runs one send, counting its outcome and logging it with the PRD §10 tags. */
    async measureSend(viewer: Viewer, transport: SendTransport, conversationId: unknown, work: () => Promise<SendResult>): Promise<SendResult> {
      // PRD §10: the send is a span (its commit and delivery inside), and its trace id is in the log line.
      return inSpan('message.send', { 'messaging.transport': transport, 'messaging.actor_role': viewer.kind }, (span) => measured(span, viewer, transport, conversationId, work));
    },

    socketConnected(): void {
      socketsOpen.inc();
      socketConnections.inc();
    },
    socketDisconnected(): void {
      socketsOpen.dec();
    },
    handshakeRefused(): void {
      socketRefusals.inc();
    },
    /** A send joined the same send still running on this node (messages.send). */
    retryJoined(): void {
      retriesJoined.inc();
    },
    /** Where the unread counts of one conversation:updated round on this node came from (services/fan-out.ts). */
    unreadCounted(source: 'send' | 'tally' | 'database'): void {
      unreadCounts.inc({ source });
    },
    /** How a send's statement ran (kit batchedPrepared): alone, or a batch of `statements`, committed or failed. */
    sendStatements(how: 'alone' | 'batch' | 'failed-batch', statements: number): void {
      sendStatements.inc({ how: how.replace('-', '_') }, statements);
      if (how !== 'alone') sendBatches.inc();
    },
    /** Message events of another node this node missed, once per gap found (services/realtime.ts). */
    deliveryGap(missed: number): void {
      deliveryGaps.inc();
      deliveryGapEvents.inc(Math.max(missed, 0));
    },

    /** Server half of real_time_delivery_latency_ms: from the message's commit to its message:new leaving this node. */
    deliveredAfterCommit(committedAt: number): void {
      const ms = performance.now() - committedAt;
      deliveryLatency.observe({ source: 'server' }, ms);
      sloDelivery(ms);
    },

    /**
     * The socket event `metrics:report` (see the plugin README): a client's own figures, validated and bounded by
     * what its connection earned and has not yet reported (domain/client-metrics.ts); answers the credit left.
     */
    clientReport(payload: unknown, credit: ReportCredit): ReportCredit {
      const parsed = clientMetricsReportSchema.safeParse(payload);
      if (!parsed.success) throw new ValidationError('The metrics report is not valid; see the messaging README, "Metrics", for its shape.');
      const { report, left } = boundClientReport(parsed.data, credit);
      for (const ms of report.sendToAckMs ?? []) sendToAck.observe(ms);
      for (const ms of report.deliveryMs ?? []) {
        deliveryLatency.observe({ source: 'client' }, ms);
        sloDelivery(ms);
      }
      if (report.reconnectAttempts) reconnectAttempts.inc(report.reconnectAttempts);
      if (report.reconnectSuccesses) reconnectSuccesses.inc(report.reconnectSuccesses);
      if (report.orderingRepairs) orderingRepairs.inc(report.orderingRepairs);
      clientReports.inc();
      strapi.log.debug('[messaging] client metrics report accepted');
      return left;
    },
  };
};

export type MetricsService = ReturnType<typeof metrics>;
export default metrics;
