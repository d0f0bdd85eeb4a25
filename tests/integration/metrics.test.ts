import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { appLogin, demo } from '../helpers/accounts';
import { connectSocket, handshakeError, type RecordingSocket } from '../helpers/sockets';

// PRD §10: the Prometheus endpoint is token-protected, and its counters follow real sends, sockets and client reports.
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
let acmeConversation: string;

const metricsToken = () => process.env.METRICS_TOKEN!;
const scrape = async () => {
  const res = await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${metricsToken()}`);
  expect(res.status).toBe(200);
  return res.text;
};
/** The value of one series, e.g. `message_send_attempts_total{transport="http",outcome="sent"}`; 0 when absent. */
const valueOf = (exposition: string, series: string) => {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

beforeAll(async () => {
  app = await startStrapi();
  tokens.acme = await appLogin(app.http, demo.acme);
  acmeConversation = (await app.http.post('/api/conversations').set('Authorization', `Bearer ${tokens.acme}`).send({ kind: 'business_admin' })).body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('GET /api/messaging/metrics', () => {
  it('refuses a request without the metrics token with a sentence saying what to send', async () => {
    const res = await app.http.get('/api/messaging/metrics');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Authorization: Bearer <METRICS_TOKEN>/);
    expect(res.text).not.toMatch(/real_time_delivery_latency_ms/);
  });

  it('refuses a wrong token and an app user token', async () => {
    expect((await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${metricsToken()}x`)).status).toBe(401);
    expect((await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${tokens.acme}`)).status).toBe(401);
    expect((await app.http.get('/api/messaging/metrics').set('Authorization', metricsToken())).status).toBe(401);
  });

  it('serves every PRD §10 metric by name to the token holder', async () => {
    const res = await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${metricsToken()}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'real_time_delivery_latency_ms',
      'message_send_attempts_total',
      'message_send_errors_total',
      'reconnect_attempts_count',
      'reconnect_successes_count',
      'optimistic_send_duration_to_ack_ms',
      'ordering_repair_events_count',
      'http_requests_total',
      'socket_connections',
      'process_resident_memory_bytes',
      'database_pool_connections',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
  });
});

describe('counters follow real traffic', () => {
  it('counts an HTTP send, a socket send, its server-side delivery latency and a refused send', async () => {
    const before = await scrape();
    const acmeSocket = await connectSocket(app.baseUrl, tokens.acme);
    sockets.push(acmeSocket);

    const sent = await app.http
      .post(`/api/conversations/${acmeConversation}/messages`)
      .set('Authorization', `Bearer ${tokens.acme}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'counted' });
    expect(sent.status).toBe(201);
    const overSocket = await acmeSocket.ack('message:send', { conversationId: acmeConversation, idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'counted too' });
    expect(overSocket.ok).toBe(true);
    const refused = await app.http
      .post(`/api/conversations/${acmeConversation}/messages`)
      .set('Authorization', `Bearer ${tokens.acme}`)
      .send({ idempotencyKey: 'not-a-uuid', routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'refused' });
    expect(refused.status).toBe(400);

    const after = await scrape();
    const moved = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(moved('message_send_attempts_total{transport="http",outcome="sent"}')).toBe(1);
    expect(moved('message_send_attempts_total{transport="socket",outcome="sent"}')).toBe(1);
    expect(moved('message_send_attempts_total{transport="http",outcome="refused"}')).toBe(1);
    expect(moved('message_send_errors_total{transport="http",status="400"}')).toBe(1);
    expect(moved('real_time_delivery_latency_ms_count{source="server"}')).toBe(2);
    expect(moved('socket_connections_total')).toBe(1);
    expect(moved('http_requests_total{method="POST",status="201"}')).toBe(1);
    expect(valueOf(after, 'socket_connections')).toBeGreaterThanOrEqual(1);
  });

  it('counts a refused handshake', async () => {
    const before = await scrape();
    expect(await handshakeError(app.baseUrl, { token: 'nonsense' })).toMatch(/not valid/);
    const after = await scrape();
    expect(valueOf(after, 'socket_handshake_refusals_total') - valueOf(before, 'socket_handshake_refusals_total')).toBe(1);
  });

  it('takes client reports over the socket and refuses a malformed one', async () => {
    const client = await connectSocket(app.baseUrl, tokens.acme);
    sockets.push(client);
    // A report counts no more samples than its connection earned: two sends acknowledged, their two message:new heard.
    for (const text of ['one', 'two']) {
      const sent = await client.ack('message:send', { conversationId: acmeConversation, idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: text });
      expect(sent.ok).toBe(true);
      await client.waitFor('message:new', (p) => p.message.id === sent.message.id);
    }
    const before = await scrape();
    const accepted = await client.ack('metrics:report', { sendToAckMs: [12.5, 30], reconnectAttempts: 2, reconnectSuccesses: 1, orderingRepairs: 3, deliveryMs: [8] });
    expect(accepted).toEqual({ ok: true });
    const refused = await client.ack('metrics:report', { sendToAckMs: [-1], label: 'x' });
    expect(refused.ok).toBe(false);
    expect(refused.error.status).toBe(400);
    const after = await scrape();
    const moved = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(moved('optimistic_send_duration_to_ack_ms_count')).toBe(2);
    expect(moved('optimistic_send_duration_to_ack_ms_sum')).toBeCloseTo(42.5);
    expect(moved('reconnect_attempts_count')).toBe(2);
    expect(moved('reconnect_successes_count')).toBe(1);
    expect(moved('ordering_repair_events_count')).toBe(3);
    expect(moved('real_time_delivery_latency_ms_count{source="client"}')).toBe(1);
  });

  it('still counts the sample of a send whose ack crossed a report on the wire, and only once', async () => {
    const client = await connectSocket(app.baseUrl, tokens.acme);
    sockets.push(client);
    const sent = await client.ack('message:send', { conversationId: acmeConversation, idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'crossed' });
    expect(sent.ok).toBe(true);
    const before = await scrape();
    // The client's periodic report left before this ack reached it, so it holds no sample of the send…
    expect(await client.ack('metrics:report', { reconnectSuccesses: 1 })).toEqual({ ok: true });
    // …and the next one does; it offers two, and only the one send acknowledged counts.
    expect(await client.ack('metrics:report', { sendToAckMs: [34, 35] })).toEqual({ ok: true });
    const after = await scrape();
    expect(valueOf(after, 'optimistic_send_duration_to_ack_ms_count') - valueOf(before, 'optimistic_send_duration_to_ack_ms_count')).toBe(1);
    expect(valueOf(after, 'optimistic_send_duration_to_ack_ms_sum') - valueOf(before, 'optimistic_send_duration_to_ack_ms_sum')).toBeCloseTo(34);
  });
});
