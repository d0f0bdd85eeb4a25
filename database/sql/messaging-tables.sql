-- Tables the conversations core keeps outside Strapi's content types; safe to run at every start.
-- Token buckets for per-person limits (sends, typing), shared by every node; unlogged: losing them in a crash only refills them.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_bucket (bucket_key text PRIMARY KEY, tokens double precision NOT NULL, refilled_at timestamptz NOT NULL);
-- PRD §10 SLOs across nodes: every node adds its minute's sends (and server faults) and real-time deliveries (and how
-- many met the p50 and p95 targets) here every few seconds; alerts read the last hour. One row a minute, whatever the traffic.
CREATE TABLE IF NOT EXISTS messaging_slo_minute (minute timestamptz PRIMARY KEY, send_attempts integer NOT NULL DEFAULT 0, send_failures integer NOT NULL DEFAULT 0, deliveries integer NOT NULL DEFAULT 0, within_p50_target integer NOT NULL DEFAULT 0, within_p95_target integer NOT NULL DEFAULT 0);
