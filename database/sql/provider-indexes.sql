-- A repeated inbound webhook (same provider message id) is a no-op.
CREATE UNIQUE INDEX IF NOT EXISTS inbound_receipt_provider_message ON inbound_receipt (provider_message_id);
-- Status callbacks find their message by the provider's id; one outbound row per messaging message.
CREATE UNIQUE INDEX IF NOT EXISTS outbound_message_provider_message ON outbound_message (provider_message_id);
CREATE UNIQUE INDEX IF NOT EXISTS outbound_message_ref ON outbound_message (message_ref);
CREATE INDEX IF NOT EXISTS sandbox_phone_message_phone ON sandbox_phone_message (phone_number, id);
