/**
 * A sitter's view of a client thread (issue 15; API.md "Sitters in the app", DOMAIN.md "Visibility for sitters"): what
 * the sitter-access port answers, turned into what the sitter may read. The client is `clientDisplayName` ("Casey ·
 * Weekly visits"), staff are "Admin team", an automation is "Switchboard"; no phone number is ever part of it. Pure.
 */
import type { SitterStanding, SitterThreadAccess, SitterWindowRef } from './sitter-access';
import { SYSTEM_SENDER_NAME } from './sitter-notice';

/** API.md "Shapes (additions)", `sitter:` line: what a sitter's Conversation adds for a client thread. */
export interface SitterClientParts {
  client: { displayName: string };
  assignment: { window: { id: string; startsAt: string; endsAt: string } };
}

export const windowView = (w: SitterWindowRef) => ({ id: w.id, startsAt: new Date(w.startsAt).toISOString(), endsAt: new Date(w.endsAt).toISOString() });

export function sitterClientParts(access: SitterThreadAccess): SitterClientParts {
  return { client: { displayName: access.clientDisplayName }, assignment: { window: windowView(access.window) } };
}

/**
 * Staff-only notes (`SYSTEM` in a client thread: the owner inbox notice) never reach a sitter; a client's SMS reaches
 * only the sitter routing gave it to (DOMAIN.md "Visibility for sitters"; the time filter is the history query's).
 */
export const sitterMaySee = (message: { routeType: string; routedSitterId?: number | null }, sitterUserId: number) =>
  message.routeType !== 'SYSTEM' && (message.routeType !== 'CLIENT_INBOUND' || message.routedSitterId === sitterUserId);

/** Touching or overlapping periods as one, earliest first (an open end, null, swallows everything after it). Pure. */
export function mergePeriods(periods: Array<{ startsAt: Date; endsAt: Date | null }>): Array<{ startsAt: Date; endsAt: Date | null }> {
  const sorted = [...periods].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const merged: Array<{ startsAt: Date; endsAt: Date | null }> = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && (last.endsAt === null || p.startsAt.getTime() <= last.endsAt.getTime())) {
      if (last.endsAt !== null && (p.endsAt === null || p.endsAt.getTime() > last.endsAt.getTime())) last.endsAt = p.endsAt;
    } else {
      merged.push({ startsAt: p.startsAt, endsAt: p.endsAt });
    }
  }
  return merged;
}

/**
 * The sender's name a sitter reads in a client thread: the client as the label, staff as "Admin team", an automation
 * as "Switchboard", a sitter (themselves, or another sitter) by their own name.
 */
export function sitterSenderName(effectiveRole: string, storedName: string, clientDisplayName: string, adminTeam: string): string {
  switch (effectiveRole) {
    case 'client':
      return clientDisplayName;
    case 'admin':
    case 'business':
      return adminTeam;
    case 'automation':
    case 'system':
      return SYSTEM_SENDER_NAME;
    default:
      return storedName;
  }
}

/** The answer a sitter's standing gives a request: go ahead (with the access), or the refusal's status and words. */
export type StandingAnswer =
  | { allowed: true; access: SitterThreadAccess }
  | { allowed: false; status: 404 }
  | { allowed: false; status: 403; message: string; details: { nextWindow: ReturnType<typeof windowView> | null } };

/**
 * API.md "Sitters in the app": reads of a thread without an active window are 404 (exactly as a thread that does not
 * exist); a send with a window later (or past) is 403 naming the next one; a send with no window there at all is 404.
 */
export function answerStanding(standing: SitterStanding, purpose: 'read' | 'send'): StandingAnswer {
  if (standing.kind === 'active') return { allowed: true, access: standing.access };
  if (standing.kind === 'later' && purpose === 'send') {
    return { allowed: false, status: 403, message: standing.message, details: { nextWindow: standing.nextWindow ? windowView(standing.nextWindow) : null } };
  }
  return { allowed: false, status: 404 };
}
