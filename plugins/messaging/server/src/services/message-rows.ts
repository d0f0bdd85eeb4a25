import type { StoredMessage } from '../domain/message-view';

/** The columns every message read selects, from the message table as `m`. */
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
  'm.routed_sitter_id',
  'm.policy_notice',
  'm.policy_redacted_text',
];

/** What a writer gives for a new message; the store adds its id, conversation and times. */
export interface NewMessageRow {
  route_type: string;
  state: string;
  sender_key: string;
  sender_role: string;
  sender_display_name: string;
  effective_role: string;
  body_html: string;
  body_text: string;
  idempotency_key: string | null;
  visible_to_business?: boolean;
  masquerade_actor_key?: string | null;
  masquerade_actor_name?: string | null;
  masquerade_for_business_id?: number | null;
  mirrored_from_id?: string;
}

/** One row as a StoredMessage; `businessNames` names the masquerade businesses (people's, asked by the store). */
export function rowToStoredMessage(row: any, businessNames: ReadonlyMap<number, string>): StoredMessage {
  const forBusinessId = row.masquerade_for_business_id === null ? null : Number(row.masquerade_for_business_id);
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
    masqueradeForBusinessId: forBusinessId,
    routedSitterId: row.routed_sitter_id === null || row.routed_sitter_id === undefined ? null : Number(row.routed_sitter_id),
    masqueradeForBusinessName: forBusinessId === null ? null : businessNames.get(forBusinessId) ?? null,
    policyNotice: row.policy_notice ?? null,
    policyRedactedText: row.policy_redacted_text ?? null,
  };
}
