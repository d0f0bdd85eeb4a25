// The audit timeline on a big log (issue 19 item 1): loads audit events with batched INSERT … SELECT generate_series
// (one round trip per batch), then times GET /compliance/audit as the Audit & compliance page asks it — the newest
// page, deep pages by beforeId, filtered pages — beside a floor: a small admin read on the same node in the same run.
import pg from 'pg';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { summarizeLatencies } = require('../plugins/messaging/dist/server/domain/latency-summary.js');

const BATCH = 100_000;
const ACTIONS = ['message.staff_to_client', 'routing.override_create', 'window.create', 'number.assign', 'automation.activate', 'policy.violation_open', 'profile.update', 'booking.update'];
export const AUDIT_THREADS = 10_000;

/** Loads `events` audit events: eight actions in turn, a thousand actors, ten thousand threads, over the past year. */
export async function loadAudit({ databaseUrl, events }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const before = (await client.query('SELECT coalesce(max(id), 0)::bigint AS id FROM audit_event')).rows[0].id;
    for (let from = 0; from < events; from += BATCH) {
      const n = Math.min(BATCH, events - from);
      await client.query(
        `INSERT INTO audit_event (actor_id, actor_display_name, actor_role, effective_role, action, conversation_id, details, archived, created_at, updated_at)
         SELECT CASE WHEN g % 5 = 0 THEN 'system' ELSE 'user:' || (g % 1000) END,
                CASE WHEN g % 5 = 0 THEN 'Switchboard' ELSE 'Bench person ' || (g % 1000) END,
                CASE WHEN g % 5 = 0 THEN 'system' ELSE 'sitter' END,
                CASE WHEN g % 5 = 0 THEN 'system' ELSE 'sitter' END,
                ($3::text[])[1 + g % 8],
                (900000 + g % ${AUDIT_THREADS})::text,
                jsonb_build_object('n', g),
                false,
                now() - interval '365 days' + (g::double precision / $2) * interval '365 days',
                now()
         FROM generate_series($1::bigint, $1::bigint + $4 - 1) AS g`,
        [from, events, ACTIONS, n],
      );
      const done = from + n;
      process.stdout.write(`audit: ${done.toLocaleString('en-US')} / ${events.toLocaleString('en-US')} events\n`);
    }
    await client.query('ANALYZE audit_event');
    const { rows } = await client.query('SELECT count(*)::int AS n, min(id)::bigint AS first FROM audit_event WHERE id > $1', [before]);
    return { loadSeconds: (performance.now() - started) / 1000, eventsLoaded: rows[0].n, firstLoadedId: Number(rows[0].first) };
  } finally {
    await client.end();
  }
}

async function timed(url, token) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, body };
}

/** Times the timeline's reads with an Owner's admin token; `floor` is GET /people/organisation, the same node's cheapest admin read. */
export async function timeAuditReads({ baseUrl, token, firstLoadedId, samples }) {
  const series = { floor: [], newest: [], deep: [], byType: [], byThread: [], byActorAndRange: [] };
  const url = (q) => `${baseUrl}/compliance/audit?pageSize=50${q}`;
  for (let i = 0; i < 5; i += 1) await timed(url(''), token);
  for (let i = 0; i < samples; i += 1) {
    series.floor.push((await timed(`${baseUrl}/people/organisation`, token)).ms);
    series.newest.push((await timed(url(''), token)).ms);
    // Deep pages: somewhere in the oldest half of the log, by beforeId (no offsets).
    series.deep.push((await timed(url(`&beforeId=${firstLoadedId + 1000 + ((i * 7919) % 500_000)}`), token)).ms);
    series.byType.push((await timed(url(`&type=${['policy', 'routing', 'number', 'automation'][i % 4]}`), token)).ms);
    series.byThread.push((await timed(url(`&conversationId=${900000 + ((i * 37) % 10_000)}`), token)).ms);
    const month = new Date(Date.now() - (1 + (i % 11)) * 30 * 86_400_000);
    series.byActorAndRange.push((await timed(url(`&actorRole=sitter&from=${month.toISOString()}&to=${new Date(month.getTime() + 7 * 86_400_000).toISOString()}`), token)).ms);
  }
  return Object.fromEntries(Object.entries(series).map(([k, v]) => [k, summarizeLatencies(v)]));
}
