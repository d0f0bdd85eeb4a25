/**
 * API.md `AuditEvent`, as the audit log answers it (GET /messaging/audit and the audit plugin's own routes) and the
 * admin pages read it: the one place this shape is written (types only; nothing here runs).
 */
export interface AuditEvent {
  id: string;
  createdAt: string;
  /** e.g. "message.masquerade", "masquerade.grant", "number.quarantine". */
  action: string;
  /** Who really did it (the admin behind a masquerade). */
  actor: { id: string; displayName: string; role: string };
  /** The role the action was taken as. */
  effectiveRole: string;
  conversationId?: string;
  messageId?: string;
  entity?: { type: string; id: string };
  details: Record<string, unknown>;
  archived: boolean;
}
