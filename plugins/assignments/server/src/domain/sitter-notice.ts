import type { BookingKind } from '../../../shared/contracts';
import { formatLocal } from './local-time';

/** How a booking reads to its sitter beside the client's first name ("Casey · Weekly visits"). */
export const BOOKING_LABEL: Record<BookingKind, string> = {
  weekly: 'Weekly visits',
  one_time: 'One-time visit',
  meet_and_greet: 'Meet and greet',
};

/** The label a sitter reads for a client: first name + " · " + booking label; never a phone number. */
export const clientLabelForSitter = (clientFirstName: string, kind: BookingKind): string => `${clientFirstName} · ${BOOKING_LABEL[kind]}`;

/**
 * OPS §4.3 "Sitter notified": what a sitter reads in their Admin team thread when a booking gives them a client.
 * The client is named as the sitter sees them (no phone number); times in the organisation's zone. Pure.
 */
export function newClientNotice(input: { clientFirstName: string; kind: BookingKind; startsAt: Date; timeZone: string }): string {
  return `New client: ${clientLabelForSitter(input.clientFirstName, input.kind)}, from ${formatLocal(input.startsAt, input.timeZone)}.\n\nTheir conversation appears in your list during your visits; reply there and they see the business number, never yours.`;
}

/** Whether a booking write gives its sitter a client they should hear about: a live booking with a new sitter. */
export function tellsSitter(write: { sitterId: number | null; status: string; endsAt: Date; previousSitterId: number | null | undefined }, now: Date): boolean {
  return write.sitterId !== null && write.status === 'confirmed' && write.endsAt > now && write.previousSitterId !== write.sitterId;
}
