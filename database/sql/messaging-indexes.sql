-- Indexes and constraints the conversations core relies on; Strapi's schema cannot express them.
-- One conversation per (kind, VA, business) — get-or-create relies on it.
CREATE UNIQUE INDEX IF NOT EXISTS conversation_unique_key ON conversation (unique_key);
-- The API's message id; ordering within a conversation (keyset paging, sinceId sync).
CREATE UNIQUE INDEX IF NOT EXISTS message_ordering_key_unique ON message (ordering_key);
CREATE INDEX IF NOT EXISTS message_conversation_ordering ON message (conversation_id, ordering_key);
-- A retried send returns the original: one row per (sender, idempotency key).
CREATE UNIQUE INDEX IF NOT EXISTS message_sender_idempotency ON message (sender_key, idempotency_key);
CREATE UNIQUE INDEX IF NOT EXISTS conversation_read_reader ON conversation_read (conversation_id, reader_key);
CREATE INDEX IF NOT EXISTS conversation_activity ON conversation (last_activity_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS conversation_business ON conversation (business_id);
CREATE INDEX IF NOT EXISTS conversation_va ON conversation (va_user_id);
-- A client's threads (people's client documentId): get-or-create for bookings, the staff inbox's client search.
CREATE INDEX IF NOT EXISTS conversation_client ON conversation (client_id);
