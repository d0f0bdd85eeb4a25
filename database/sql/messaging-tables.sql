-- Tables the conversations core keeps outside Strapi's content types; safe to run at every start.
-- Token buckets for per-person limits (sends, typing), shared by every node; unlogged: losing them in a crash only refills them.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_bucket (bucket_key text PRIMARY KEY, tokens double precision NOT NULL, refilled_at timestamptz NOT NULL);
