// A client thread's routing as the staff inbox words it (issue 17, OPS §3.4 action 4): the badge on an inbound
// message, the thread's flags, and where the Routing page is. Pure functions, no React, so unit tests read them directly.
import type { ConversationFlags, MessageRoutingView } from '../../../../shared/contracts';
import { windowTimeLabel } from './assignment-line';

/** The routing badge of an inbound SMS: "Routed to Sam Sitter", "Routed to Owner inbox · override". */
export function routingBadgeLabel(routing: MessageRoutingView): string {
  return `Routed to ${routing.target.label}${routing.overridden ? ' · override' : ''}`;
}

/** The thread header's flag lines, in the order an owner needs them; none when nothing is flagged. */
export function flagLines(flags: ConversationFlags | undefined, now: Date, timeZone?: string | null): string[] {
  if (!flags) return [];
  const lines: string[] = [];
  if (flags.override) {
    const until = flags.override.endsAt ? `until ${windowTimeLabel(flags.override.endsAt, now, timeZone)}` : 'until an owner removes it';
    lines.push(`Routing override: messages go to ${flags.override.target.label} ${until}`);
  }
  if (flags.openViolations > 0) lines.push(flags.openViolations === 1 ? '1 open policy violation' : `${flags.openViolations} open policy violations`);
  if (flags.failedDeliveries > 0) lines.push(flags.failedDeliveries === 1 ? '1 failed delivery' : `${flags.failedDeliveries} failed deliveries`);
  if (flags.viaQuarantinedNumber) lines.push('The client texted a quarantined or inactive number');
  if (flags.unmappedPoolSender) lines.push('The client texted a pool number without an active thread on it');
  return lines;
}

/** The Routing page on this client thread (`override`: with the Owner's override form open), inside the admin router. */
export function routingPath(conversationId: string, override = false): string {
  return `/plugins/routing?conversationId=${encodeURIComponent(conversationId)}${override ? '&override=1' : ''}`;
}
