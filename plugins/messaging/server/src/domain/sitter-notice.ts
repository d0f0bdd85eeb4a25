/**
 * The system's words to a sitter in their Admin team thread (a `SYSTEM` message, seen by that sitter and staff),
 * one sentence per notice the lower plugins send. Pure.
 */
import type { SitterNotice } from '@switchboard/numbers';

/** DOMAIN.md "Route types": a SYSTEM message reads as from "Switchboard". */
export const SYSTEM_SENDER_NAME = 'Switchboard';

/** OPS §4.1 step 4, word for word, then what the number is for. */
export function sitterNoticeText(notice: SitterNotice): string {
  switch (notice.kind) {
    case 'activated':
      return `You've been activated. Your masked number is ${notice.e164}.\n\nClients you are assigned to text you on this number; your own phone number stays private.`;
  }
}
