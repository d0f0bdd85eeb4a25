// The bench's trace collector (issue 25, PRD §10): a plain HTTP server taking OTLP/HTTP JSON at /v1/traces from
// the Strapi nodes (started with OTEL_EXPORTER_OTLP_ENDPOINT pointing here and a small TRACE_SAMPLE_RATIO), keeping
// what they send; after each load point one complete sampled send is picked and shown step by step.
import http from 'node:http';

/** Starts the collector on a free loopback port. */
export async function startCollector() {
  const spans = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        for (const rs of JSON.parse(body).resourceSpans ?? []) {
          const instance = rs.resource?.attributes?.find((a) => a.key === 'service.instance.id')?.value?.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push({ ...s, instance });
        }
      } catch {
        // not a trace export; nothing to keep
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    spans,
    /** Forgets what was received so far (before a point). */
    clear: () => spans.splice(0, spans.length),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

const ms = (ns) => Number(BigInt(ns)) / 1e6;

/**
 * One sampled socket send that is complete (its event, send, commit, ack and every node's delivery), as its steps
 * in milliseconds from the moment the socket event arrived; null when no sampled send is complete.
 * `nodes`: how many nodes deliver each message (one delivery span each).
 */
export function sampledSend(spans, nodes = 1) {
  const byTrace = new Map();
  for (const s of spans) {
    if (!byTrace.has(s.traceId)) byTrace.set(s.traceId, []);
    byTrace.get(s.traceId).push(s);
  }
  const complete = [...byTrace.values()].filter((list) => {
    const names = list.map((s) => s.name);
    return names.includes('socket message:send') && names.includes('message.commit') && names.includes('message.ack') && names.filter((n) => n === 'message.deliver').length >= nodes;
  });
  if (complete.length === 0) return null;
  // The median send by total time, so the one shown is typical rather than the fastest or the slowest.
  const total = (list) => {
    const root = list.find((s) => s.name === 'socket message:send');
    return ms(root.endTimeUnixNano) - ms(root.startTimeUnixNano);
  };
  complete.sort((a, b) => total(a) - total(b));
  const list = complete[Math.floor(complete.length / 2)];
  const root = list.find((s) => s.name === 'socket message:send');
  const t0 = ms(root.startTimeUnixNano);
  const order = ['socket message:send', 'message.send', 'message.commit', 'message.deliver', 'message.ack'];
  const steps = list
    .filter((s) => order.includes(s.name))
    .map((s) => ({ name: s.name, instance: s.instance, startMs: ms(s.startTimeUnixNano) - t0, durationMs: ms(s.endTimeUnixNano) - ms(s.startTimeUnixNano) }))
    .sort((a, b) => a.startMs - b.startMs || order.indexOf(a.name) - order.indexOf(b.name));
  return { traceId: root.traceId, sampledComplete: complete.length, steps };
}

/** "commit +0.4 (2.1 ms) → deliver +2.9 [node 1] → ack +3.1 …" for the report. */
export function traceLine(trace) {
  if (!trace) return 'no complete sampled send';
  const instances = [...new Set(trace.steps.map((s) => s.instance))];
  return trace.steps
    .filter((s) => s.name !== 'socket message:send')
    .map((s) => `${s.name.replace('message.', '')} +${s.startMs.toFixed(1)} ms${s.durationMs >= 0.05 ? ` (${s.durationMs.toFixed(1)} ms)` : ''}${instances.length > 1 ? ` [node ${instances.indexOf(s.instance) + 1}]` : ''}`)
    .join(' → ');
}
