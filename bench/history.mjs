// History and sync on a big database: loads conversations and messages with batched INSERT … SELECT unnest(…)
// (one round trip per batch), then times the three reads a reconnecting or scrolling client makes.
import pg from 'pg';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { summarizeLatencies } = require('../plugins/messaging/dist/server/domain/latency-summary.js');
const { SNOWFLAKE_EPOCH_MS } = require('../plugins/messaging/dist/server/domain/snowflake.js');

const BATCH = 10_000;
const HISTORY_NODE_ID = 1000n; // a node id no live Strapi node derives, so loaded ids never collide with live ones

/** Loads `messages` messages spread evenly over `conversations` conversations; `listSize` of them belong to the VA. */
export async function loadHistory({ databaseUrl, vaUserId, conversations, messages, listSize, log }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const now = new Date();
    // Businesses for the conversations to be about (rows only: these businesses never sign in).
    const businessIds = (
      await client.query(
        `INSERT INTO business_profile (name, created_at, updated_at)
         SELECT 'History Business ' || g, $2, $2 FROM generate_series(1, $1) g RETURNING id`,
        [conversations, now],
      )
    ).rows.map((r) => r.id);
    // The VA's list: business_va threads; the rest: business_admin threads of the other businesses.
    const convIds = (
      await client.query(
        `INSERT INTO conversation (kind, business_id, va_user_id, unique_key, visibility_policy, last_activity_at, created_at, updated_at)
         SELECT CASE WHEN i <= $3 THEN 'business_va' ELSE 'business_admin' END,
                b,
                CASE WHEN i <= $3 THEN $2::int ELSE NULL END,
                CASE WHEN i <= $3 THEN 'business_va:' || $2 || ':' || b ELSE 'business_admin:-:' || b END,
                '{"businessVisible":false}'::jsonb, $4, $4, $4
         FROM unnest($1::int[]) WITH ORDINALITY AS t(b, i) RETURNING id`,
        [businessIds, vaUserId, listSize, now],
      )
    ).rows.map((r) => r.id);
    log(`history: ${convIds.length.toLocaleString('en-US')} conversations created`);

    // Ids a month in the past, so every live message sorts after them; message i goes to conversation i mod n.
    const baseMs = BigInt(Date.now() - 30 * 86_400_000 - SNOWFLAKE_EPOCH_MS);
    const lastIdOf = new Map();
    for (let from = 0; from < messages; from += BATCH) {
      const n = Math.min(BATCH, messages - from);
      const keys = new Array(n);
      const convs = new Array(n);
      const bodies = new Array(n);
      for (let j = 0; j < n; j += 1) {
        const i = BigInt(from + j);
        const id = ((baseMs + i / 4096n) << 22n) | (HISTORY_NODE_ID << 12n) | (i % 4096n);
        keys[j] = id.toString();
        convs[j] = convIds[(from + j) % convIds.length];
        bodies[j] = `History message ${from + j}`;
        lastIdOf.set(convs[j], keys[j]);
      }
      await client.query(
        `INSERT INTO message (ordering_key, conversation_id, route_type, state, sender_key, sender_role, sender_display_name,
                              effective_role, body_html, body_text, visible_to_business, created_at, updated_at)
         SELECT k, c, 'BUSINESS_TO_ADMIN', 'sent', 'user:0', 'business', 'History', 'business', '<p>' || t || '</p>', t, false, $4, $4
         FROM unnest($1::bigint[], $2::int[], $3::text[]) AS u(k, c, t)`,
        [keys, convs, bodies, now],
      );
      const done = from + n;
      const rate = done / ((performance.now() - started) / 1000);
      if (process.stdout.isTTY || done % (messages / 10) < BATCH) process.stdout.write(`${process.stdout.isTTY ? '\r' : ''}history: ${done.toLocaleString('en-US')} / ${messages.toLocaleString('en-US')} messages (${Math.round((100 * done) / messages)}%, ${Math.round(rate).toLocaleString('en-US')}/s)${process.stdout.isTTY ? '   ' : '\n'}`);
    }
    process.stdout.write('\n');
    await client.query(
      `UPDATE conversation c SET last_message_id = u.last FROM unnest($1::int[], $2::bigint[]) AS u(id, last) WHERE c.id = u.id`,
      [[...lastIdOf.keys()], [...lastIdOf.values()]],
    );
    await client.query('ANALYZE message; ANALYZE conversation;');
    const loadSeconds = (performance.now() - started) / 1000;
    const { rows } = await client.query('SELECT count(*)::int AS n FROM message');
    return { vaConversationIds: convIds.slice(0, listSize), loadSeconds, messagesInDatabase: rows[0].n };
  } finally {
    await client.end();
  }
}

async function timed(url, token, expectStatus = 200) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== expectStatus) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, body };
}

/** Times sinceId sync, beforeId paging and the VA's conversation list over HTTP, as the web app makes them. */
export async function timeReads({ baseUrl, token, conversationIds, samples, listSamples }) {
  const since = [];
  const before = [];
  const newest = [];
  const list = [];
  let sinceReturned = 0;
  // Warm-up: the first requests pay for connection set-up and plan caching.
  for (let i = 0; i < 5; i += 1) await timed(`${baseUrl}/api/conversations/${conversationIds[i]}/messages`, token);
  for (let i = 0; i < samples; i += 1) {
    const c = conversationIds[(i * 7) % conversationIds.length];
    const latest = await timed(`${baseUrl}/api/conversations/${c}/messages?limit=50`, token);
    newest.push(latest.ms);
    const page = latest.body.data;
    // A client that was away for 20 messages: sync from the 21st newest.
    const sinceId = page[Math.max(0, page.length - 21)].id;
    const s = await timed(`${baseUrl}/api/conversations/${c}/messages?sinceId=${sinceId}&limit=50`, token);
    sinceReturned += s.body.data.length;
    since.push(s.ms);
    const b = await timed(`${baseUrl}/api/conversations/${c}/messages?beforeId=${page[0].id}&limit=50`, token);
    before.push(b.ms);
  }
  let listLength = 0;
  for (let i = 0; i < listSamples; i += 1) {
    const l = await timed(`${baseUrl}/api/conversations`, token);
    listLength = l.body.data.length;
    list.push(l.ms);
  }
  return {
    sinceIdSync: { ...summarizeLatencies(since), messagesPerAnswer: sinceReturned / samples },
    beforeIdPage: summarizeLatencies(before),
    newestPage: summarizeLatencies(newest),
    conversationList: { ...summarizeLatencies(list), conversations: listLength },
  };
}
