import type { StoredMessage } from '../domain/message-view';

/** The columns every message read selects: the message table as `m`, its masquerade business as `mb`. */
export const MESSAGE_COLUMNS = [
  'm.ordering_key',
  'm.conversation_id',
  'm.created_at',
  'm.route_type',
  'm.state',
  'm.sender_key',
  'm.sender_role',
  'm.sender_display_name',
  'm.effective_role',
  'm.body_html',
  'm.body_text',
  'm.idempotency_key',
  'm.visible_to_business',
  'm.masquerade_actor_key',
  'm.masquerade_actor_name',
  'm.masquerade_for_business_id',
  'mb.name as masquerade_for_business_name',
];

export function rowToStoredMessage(row: any): StoredMessage {
  return {
    id: String(row.ordering_key),
    conversationId: Number(row.conversation_id),
    createdAt: row.created_at,
    routeType: row.route_type,
    state: row.state,
    senderKey: row.sender_key,
    senderRole: row.sender_role,
    senderDisplayName: row.sender_display_name,
    effectiveRole: row.effective_role,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    idempotencyKey: row.idempotency_key,
    visibleToBusiness: Boolean(row.visible_to_business),
    masqueradeActorKey: row.masquerade_actor_key,
    masqueradeActorName: row.masquerade_actor_name,
    masqueradeForBusinessId: row.masquerade_for_business_id === null ? null : Number(row.masquerade_for_business_id),
    masqueradeForBusinessName: row.masquerade_for_business_name ?? null,
  };
}
