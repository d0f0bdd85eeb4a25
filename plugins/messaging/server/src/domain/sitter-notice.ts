/**
 * The system's words to a sitter in their Admin team thread (a `SYSTEM` message, seen by that sitter and staff),
 * one sentence per notice the lower plugins send. Pure.
 */
import type { SitterNotice } from '@switchboard/numbers';

/** DOMAIN.md "Route types": a SYSTEM message reads as from "Switchboard". */
export const SYSTEM_SENDER_NAME = 'Switchboard';

const NUMBER_IS_FOR = 'Clients you are assigned to text you on this number; your own phone number stays private.';

/** OPS §4.1 step 4, word for word, then what the number is for; OPS §3.1 for a number assigned or released. */
export function sitterNoticeText(notice: SitterNotice): string {
  switch (notice.kind) {
    case 'activated':
      return `You've been activated. Your masked number is ${notice.e164}.\n\n${NUMBER_IS_FOR}`;
    case 'number_assigned':
      return `Your masked number is now ${notice.e164}.\n\n${NUMBER_IS_FOR}`;
    case 'number_released':
      return `Your masked number ${notice.e164} was released. Until the owner assigns you a new one, clients cannot text you.`;
  }
}
