import type { AuditSearch, AuditTimelineEvent } from '@switchboard/audit';

/**
 * The audit timeline's words and filters (OPS §3.5 "Audit Timeline View"), pure: which actions each event type covers,
 * whom each actor filter means, a sentence for each event and the things it links to.
 */

/** OPS §3.5's event types, each the action prefixes it covers. */
export const EVENT_TYPES = {
  message: ['message.', 'conversation.', 'masquerade.', 'delivery.'],
  routing: ['routing.'],
  assignment: ['booking.', 'window.', 'assignment.'],
  number: ['number.', 'sitter.'],
  automation: ['automation.'],
  policy: ['policy.'],
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_KEYS = Object.keys(EVENT_TYPES) as EventType[];

/** What kind of event an action is: one of OPS §3.5's types, or "other" (people, provider, compliance itself). */
export function eventTypeOf(action: string): EventType | 'other' {
  for (const type of EVENT_TYPE_KEYS) if (EVENT_TYPES[type].some((prefix) => action.startsWith(prefix))) return type;
  return 'other';
}

/** OPS §3.5's actors, with the app's own roles beside them. */
export const ACTOR_ROLES = ['owner', 'admin', 'sitter', 'business', 'va', 'client', 'system', 'automation'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * The audit search for an actor filter. Staff are stored as `admin:<id>`; which of them are Owners is asked of the
 * admin roles now (`ownerActorIds`), so an Owner's old events follow them.
 */
export function actorSearch(role: ActorRole, ownerActorIds: readonly string[]): NonNullable<AuditSearch['actor']> {
  switch (role) {
    case 'owner':
      return { idIn: ownerActorIds };
    case 'admin':
      return { idPrefix: 'admin:', idNotIn: ownerActorIds };
    default:
      return { roleIn: [role] };
  }
}

/** How the timeline names each action: a verb phrase after the actor's name. */
const PHRASES: Record<string, string> = {
  'conversation.create': 'opened a conversation',
  'message.masquerade': 'replied as a business',
  'message.note_shared_with_business': 'shared a note with a business',
  'message.staff_to_client': 'texted a client',
  'message.automation_to_client': 'sent an automated text to a client',
  'delivery.failed': 'recorded a failed delivery',
  'delivery.retry': 'retried a failed delivery',
  'delivery.resolve': 'marked a delivery failure resolved',
  'masquerade.grant': 'allowed a staff member to reply as a business',
  'masquerade.revoke': 'took back replying as a business',
  'routing.override_create': 'overrode routing',
  'routing.override_remove': 'removed a routing override',
  'routing.override_expire': 'ended a routing override that expired',
  'booking.create': 'created a booking',
  'booking.update': 'changed a booking',
  'booking.delete': 'deleted a booking',
  'window.create': 'created an assignment window',
  'window.update': 'changed an assignment window',
  'window.delete': 'deleted an assignment window',
  'window.resolve_conflict': 'resolved an assignment conflict',
  'number.buy': 'bought a number',
  'number.import': 'imported a number',
  'number.bulk_import': 'imported numbers',
  'number.assign': 'assigned a number',
  'number.release': 'released a number',
  'number.quarantine': 'quarantined a number',
  'number.promote_front_desk': 'made a pool number the Front Desk number',
  'number.release_quarantine': 'released a number from quarantine',
  'number.bulk_quarantine': 'quarantined numbers',
  'number.bulk_release': 'released numbers',
  'number.bulk_assign': 'assigned numbers',
  'sitter.activate': 'activated a sitter',
  'sitter.deactivate': 'deactivated a sitter',
  'policy.violation_open': 'triggered a policy violation (contact details)',
  'policy.violation_approve': 'approved a held message',
  'policy.violation_dismiss': 'dismissed a policy violation',
  'policy.violation_resolve': 'resolved a policy violation',
  'policy.violation_reveal': 'revealed a blocked message',
  'profile.update': 'updated a profile',
  'client.create': 'added a client',
  'client.update': 'changed a client',
  'client.delete': 'deleted a client',
  'organisation.update': 'changed the organisation',
  'account.create': 'created an account',
  'provider.connect': 'connected Twilio',
  'provider.use_sandbox': 'switched to the sandbox',
  'provider.sandbox_phone_reply': 'replied from the virtual phone',
  'compliance.audit_export': 'exported the audit log',
  'compliance.chain_verify': 'verified the audit chain',
  'compliance.delivery_failures_export': 'exported the delivery failures',
};

/** "policy.violation_dismiss" → "policy violation dismiss", for an action the table does not know yet. */
const plainWords = (action: string) => action.replace(/[._]/g, ' ');

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** One line a person reads: who did what, with the detail that tells it apart ("… quarantined a number (+14155550120)"). */
export function describeEvent(event: Pick<AuditTimelineEvent, 'action' | 'actor' | 'details' | 'effectiveRole'>): string {
  const phrase = PHRASES[event.action] ?? `did ${plainWords(event.action)}`;
  const details = event.details ?? {};
  const hint = text(details.e164) ?? text(details.sitter) ?? text(details.clientName) ?? text(details.client) ?? null;
  const reason = text(details.reason);
  const asBusiness = event.action === 'message.masquerade' && text(details.forBusinessName) ? ` (${text(details.forBusinessName)})` : '';
  return `${event.actor.displayName} ${phrase}${asBusiness}${hint ? ` (${hint})` : ''}${reason ? `: ${reason}` : ''}.`;
}

/** What an event links to: its thread, its number, its booking. */
export interface EventLinks {
  conversationId?: string;
  number?: string;
  bookingId?: string;
}

export function linksOf(event: Pick<AuditTimelineEvent, 'conversationId' | 'entity' | 'details'>): EventLinks {
  const links: EventLinks = {};
  if (event.conversationId) links.conversationId = event.conversationId;
  const e164 = text(event.details?.e164) ?? text(event.details?.numberE164);
  if (e164 && /^\+\d{8,15}$/.test(e164)) links.number = e164;
  if (event.entity?.type === 'booking') links.bookingId = event.entity.id;
  else if (text(event.details?.bookingId)) links.bookingId = text(event.details?.bookingId)!;
  return links;
}

/** The export's columns, in the order an auditor reads them. */
export const TIMELINE_CSV_HEADER = ['id', 'time', 'type', 'action', 'actor', 'actor role', 'acting as', 'description', 'thread', 'message', 'entity', 'details', 'chain position', 'chain hash'] as const;

export function timelineCsvRow(event: AuditTimelineEvent): string[] {
  return [
    event.id,
    event.createdAt,
    eventTypeOf(event.action),
    event.action,
    event.actor.displayName,
    event.actor.role,
    event.effectiveRole,
    describeEvent(event),
    event.conversationId ?? '',
    event.messageId ?? '',
    event.entity ? `${event.entity.type}:${event.entity.id}` : '',
    JSON.stringify(event.details ?? {}),
    event.chain ? String(event.chain.seq) : '',
    event.chain?.hash ?? '',
  ];
}

/** The export's last row: the chain's head an auditor keeps, or that nothing is sealed yet. */
export function chainHeadCsvRow(head: { seq: number; hash: string; eventId: string } | null): string[] {
  const row = Array<string>(TIMELINE_CSV_HEADER.length).fill('');
  row[0] = 'chain head';
  row[7] = head ? `The audit chain's head when this export was made: event #${head.eventId}.` : 'No event was sealed into the audit chain yet.';
  if (head) {
    row[12] = String(head.seq);
    row[13] = head.hash;
  }
  return row;
}
