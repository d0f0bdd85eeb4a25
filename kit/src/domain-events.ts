/**
 * Domain events (STYLE.md: "messaging and the others publish domain events … that alerts subscribes to"): a plugin
 * announces something that happened — a window conflicted, a window is starting, a delivery failed — and plugins
 * above it subscribe, without the publisher knowing who listens. They travel on Strapi's event hub under
 * `switchboard.<type>`, in the process that did the work, after its transaction committed (publish from `onCommit`),
 * so a subscriber never hears of a rolled-back change and each event is heard once across nodes. What an event says
 * must also be readable from the publisher's tables (a subscriber that starts later backfills from its services).
 *
 * Each publisher documents its events (type, subject, data) in its README under "Events".
 */

export interface DomainEvent<Data extends Record<string, unknown> = Record<string, unknown>> {
  /** e.g. "window_conflict", "window_starting". */
  type: string;
  /** The plugin that published it. */
  source: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** What it is about, e.g. { type: "assignment_window", id: "…" }. */
  subject: { type: string; id: string };
  /** The client thread it concerns, when there is one. */
  conversationId?: string;
  data: Data;
}

interface EventHubLike {
  emit(eventName: string, ...args: unknown[]): Promise<void>;
  on(eventName: string, listener: (...args: any[]) => Promise<void>): () => void;
}
interface StrapiLike {
  eventHub: EventHubLike;
  log: { error(message: string): void };
}

export const DOMAIN_EVENT_PREFIX = 'switchboard.';

/** Publishes one event to every subscriber in this process; a subscriber's failure is logged, never the publisher's. */
export async function publishDomainEvent(strapi: StrapiLike, event: DomainEvent): Promise<void> {
  try {
    await strapi.eventHub.emit(`${DOMAIN_EVENT_PREFIX}${event.type}`, event);
  } catch (error) {
    strapi.log.error(`[events] a subscriber of ${event.type} (${event.subject.type} ${event.subject.id}) failed: ${error}`);
  }
}

/** Subscribes to one event type; returns the unsubscribe function. */
export function onDomainEvent<Data extends Record<string, unknown> = Record<string, unknown>>(
  strapi: StrapiLike,
  type: string,
  handler: (event: DomainEvent<Data>) => Promise<void> | void,
): () => void {
  return strapi.eventHub.on(`${DOMAIN_EVENT_PREFIX}${type}`, async (event: DomainEvent<Data>) => {
    await handler(event);
  });
}
