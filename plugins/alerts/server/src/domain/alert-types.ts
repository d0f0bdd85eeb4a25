import type { AlertRelated, AlertType, Severity } from '../../../shared/contracts';

/** API.md "Alerts": each type's severity (OPS §3.7 Critical / Warning / Info). */
export const SEVERITY_OF: Record<AlertType, Severity> = {
  delivery_failure: 'critical',
  policy_violation: 'critical',
  number_health: 'critical',
  provider_error: 'critical',
  window_conflict: 'warning',
  automation_failed: 'warning',
  sla_breach: 'warning',
  cooldown_ending: 'warning',
  cooldown_complete: 'info',
  thread_created: 'info',
  window_starting: 'info',
  number_assigned: 'info',
  task: 'info',
  automation_executed: 'info',
  override_expired: 'info',
};
export const ALERT_TYPES = Object.keys(SEVERITY_OF) as [AlertType, ...AlertType[]];
export const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** An alert a source raises: deduplicated by `sourceKey` while open (a repeat counts, it does not add an alert). */
export interface AlertInput {
  type: AlertType;
  sourceKey: string;
  title: string;
  description: string;
  related: AlertRelated;
  at: Date;
  /** What one report is (a delivery failure's id): the same report heard again (retrying, then failed) does not count twice. */
  occurrenceKey?: string;
}

interface EventLike {
  type: string;
  at: string;
  subject: { type: string; id: string };
  conversationId?: string;
  data: Record<string, any>;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * A domain event of a plugin below as the alert it raises (README "Sources"), or null when it raises none. Pure: the
 * events' shapes are their publishers' READMEs.
 */
export function alertFromEvent(event: EventLike): AlertInput | null {
  const at = new Date(event.at);
  const d = event.data ?? {};
  const conversationId = event.conversationId ?? text(d.conversationId) ?? undefined;
  switch (event.type) {
    case 'delivery_failure':
      return {
        type: 'delivery_failure',
        // One open alert per thread, counting its failures (API.md).
        sourceKey: `delivery_failure:thread:${conversationId ?? `failure:${event.subject.id}`}`,
        title: text(d.title) ?? `Delivery failure: ${text(d.clientName) ?? 'a client'}`,
        description: `${text(d.reason) ?? 'An SMS was not delivered.'}${d.errorCode ? ` (error ${d.errorCode})` : ''}${d.attempts ? ` after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` : ''}.`.replace('..', '.'),
        related: { ...(conversationId ? { conversationId } : {}), ...(text(d.clientName) ? { clientName: d.clientName } : {}), deliveryFailureId: event.subject.id },
        at,
        occurrenceKey: `failure:${event.subject.id}`,
      };
    case 'policy_violation':
      return {
        type: 'policy_violation',
        sourceKey: `policy_violation:${event.subject.id}`,
        title: text(d.title) ?? 'Policy violation',
        description: `${d.sender?.displayName ?? 'Someone'}'s message was ${d.actionTaken === 'held' ? 'held' : 'blocked'}: "${text(d.redactedText) ?? ''}" Review it on the Policy violations page.`,
        related: { ...(conversationId ? { conversationId } : {}), ...(text(d.clientName) ? { clientName: d.clientName } : {}), violationId: event.subject.id },
        at,
      };
    case 'window_conflict':
      return {
        type: 'window_conflict',
        sourceKey: `window_conflict:${conversationId ?? event.subject.id}`,
        title: 'Assignment window conflict',
        description: `Two assignment windows overlap on one thread${d.overlap?.startsAt ? ` from ${new Date(d.overlap.startsAt).toISOString()}` : ''}. Resolve the conflict on the Assignments page.`,
        related: { ...(conversationId ? { conversationId } : {}), windowId: event.subject.id },
        at,
      };
    case 'window_starting':
      return {
        type: 'window_starting',
        sourceKey: `window_starting:${event.subject.id}`,
        title: 'Assignment window started',
        description: `A sitter's window on this thread started at ${new Date(d.startsAt ?? event.at).toISOString()}; client texts now route to the sitter.`,
        related: { ...(conversationId ? { conversationId } : {}), windowId: event.subject.id },
        at,
      };
    case 'override_expired':
      return {
        type: 'override_expired',
        sourceKey: `override_expired:${event.subject.id}`,
        title: 'Routing override expired',
        description: 'A temporary routing override ended; the thread follows the normal routing rules again.',
        related: conversationId ? { conversationId } : {},
        at,
      };
    case 'automation_failed':
      return {
        type: 'automation_failed',
        sourceKey: `automation_failed:${event.subject.id}`,
        title: text(d.title) ?? 'Automation failed',
        description: `${text(d.error) ?? 'The automation failed.'}${d.paused ? ` ${text(d.reason) ?? ''}` : ''}`.trim(),
        related: { automationId: event.subject.id, ...(text(d.automationName) ? { automationName: d.automationName } : {}), ...(conversationId ? { conversationId } : {}) },
        at,
      };
    case 'automation_executed':
      return {
        type: 'automation_executed',
        sourceKey: `automation_executed:${event.subject.id}`,
        title: text(d.title) ?? 'Automation ran',
        description: Array.isArray(d.actions) && d.actions.length ? d.actions.join(' ') : 'The automation ran.',
        related: { automationId: event.subject.id, ...(text(d.automationName) ? { automationName: d.automationName } : {}), ...(conversationId ? { conversationId } : {}) },
        at,
      };
    case 'task':
      return {
        type: 'task',
        sourceKey: `task:${event.subject.id}:${event.at}`,
        title: text(d.title) ?? 'Task',
        description: `From the automation "${d.automationName ?? ''}".`,
        related: { automationId: event.subject.id, ...(text(d.automationName) ? { automationName: d.automationName } : {}), ...(conversationId ? { conversationId } : {}) },
        at,
      };
    case 'thread_created':
      return {
        type: 'thread_created',
        sourceKey: `thread_created:${event.subject.id}`,
        title: `New thread: ${text(d.clientName) ?? text(d.clientPhone) ?? 'a client'}`,
        description: d.how === 'inbound' ? 'A client texted for the first time on this number.' : 'A thread was opened for a booking or by a staff member.',
        related: { ...(conversationId ? { conversationId } : {}), ...(text(d.clientName) ? { clientName: d.clientName } : {}), ...(text(d.businessNumber) ? { number: d.businessNumber } : {}) },
        at,
      };
    case 'number_assigned':
      return {
        type: 'number_assigned',
        sourceKey: `number_assigned:${event.subject.id}:${event.at}`,
        title: text(d.title) ?? 'Number assigned',
        description: d.change === 'released' ? 'The number went back to the pool.' : `The number now belongs to ${d.sitterName ?? 'a sitter'}.`,
        related: text(d.e164) ? { number: d.e164 } : {},
        at,
      };
    case 'provider_error': {
      // numbers' drift check: one open alert per re-pointed number; the same addresses heard again do not count twice.
      const e164 = text(d.e164);
      if (d.reason !== 'webhook_drift' || !e164) return null;
      return {
        type: 'provider_error',
        sourceKey: `provider_error:webhook_drift:${e164}`,
        occurrenceKey: `${d.actual?.inboundUrl ?? ''}|${d.actual?.statusUrl ?? ''}`,
        title: text(d.title) ?? `Provider error: ${e164}'s webhooks point elsewhere`,
        description: `At the provider, ${e164} sends SMS to ${d.actual?.inboundUrl || 'nowhere'} and status to ${d.actual?.statusUrl || 'nowhere'}; we expect ${d.expected?.inboundUrl} and ${d.expected?.statusUrl}. Repair it from Settings → Integration status.`,
        related: { number: e164 },
        at,
      };
    }
    default:
      return null;
  }
}

/** The events this plugin subscribes to. */
export const SOURCE_EVENTS = ['delivery_failure', 'policy_violation', 'window_conflict', 'window_starting', 'override_expired', 'automation_failed', 'automation_executed', 'task', 'thread_created', 'number_assigned', 'provider_error'] as const;
