import type { Viewer } from './viewer';
import type { EffectiveRole, RouteType } from './route-matrix';
import type { Message } from '../../../shared/contracts';
import { sitterSenderName } from './sitter-view';
import { textToMessageHtml } from './text-to-html';

/** A message as stored: the whole truth, including who really wrote a masquerade message. */
export interface StoredMessage {
  id: string;
  conversationId: number;
  createdAt: Date | string;
  routeType: RouteType;
  state: string;
  senderKey: string;
  /** The sender's real kind: staff, business, va, sitter, client, automation or system. */
  senderRole: string;
  senderDisplayName: string;
  effectiveRole: EffectiveRole;
  bodyHtml: string;
  bodyText: string;
  idempotencyKey: string | null;
  visibleToBusiness: boolean;
  masqueradeActorKey: string | null;
  masqueradeActorName: string | null;
  masqueradeForBusinessId: number | null;
  masqueradeForBusinessName: string | null;
  /** An inbound client SMS routed to a sitter (issue 17): that sitter's user id; null when it went to the owner inbox. */
  routedSitterId?: number | null;
  /** A message the policy port blocked (issue 18): the sentence its sender and staff read, and the text staff see. */
  policyNotice?: string | null;
  policyRedactedText?: string | null;
}

/** API.md `Message`, shaped for one viewer: the shared contract the web app and the admin pages read. */
export type MessageView = Message;

export const ADMIN_TEAM = 'Admin team';

/**
 * API.md "Viewer shaping". Staff see everything, with a masquerade block; a VA or a Business sees a
 * masquerade message as BUSINESS_TO_VA from the Business and nothing that reveals the admin behind it.
 * `clientDisplayName` is given when a sitter reads a client thread (API.md "Sitters in the app"): the client reads as
 * that label, staff as "Admin team", never a phone number.
 */
export function shapeMessage(message: StoredMessage, viewer: Viewer, clientDisplayName?: string): MessageView {
  const mine = message.senderKey === viewer.key;
  const isMasquerade = message.routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS';
  // API.md "Anti-poaching policy": a blocked message reads whole to its sender only; everyone else reads it redacted
  // ("[phone number]"). Its sender and staff read the notice.
  const redacted = message.policyRedactedText != null && !mine;
  // A client's message held from its sitter reaches the sitter as a placeholder: `held`, without its words.
  const withheldFromViewer = message.state === 'held' && viewer.kind !== 'staff' && !mine;
  const base = {
    id: message.id,
    conversationId: String(message.conversationId),
    orderingKey: message.id,
    createdAt: new Date(message.createdAt).toISOString(),
    state: message.state,
    mine,
    bodyHtml: withheldFromViewer ? '' : redacted ? textToMessageHtml(message.policyRedactedText!) : message.bodyHtml,
    bodyText: withheldFromViewer ? '' : redacted ? message.policyRedactedText! : message.bodyText,
    ...(mine && message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}),
    ...(message.policyNotice && (mine || viewer.kind === 'staff') ? { notice: message.policyNotice } : {}),
  };

  if (viewer.kind === 'staff') {
    return {
      ...base,
      routeType: message.routeType,
      sender: isMasquerade
        ? { displayName: message.masqueradeForBusinessName ?? 'Business', role: 'business' }
        : { displayName: message.senderDisplayName, role: message.effectiveRole },
      ...(message.routeType === 'ADMIN_TO_VA_PRIVATE' ? { visibleToBusiness: message.visibleToBusiness } : {}),
      ...(isMasquerade
        ? {
            masquerade: {
              actor: { id: message.masqueradeActorKey ?? message.senderKey, displayName: message.masqueradeActorName ?? message.senderDisplayName },
              forBusiness: { id: String(message.masqueradeForBusinessId), name: message.masqueradeForBusinessName ?? 'Business' },
            },
          }
        : {}),
    };
  }

  if (viewer.kind === 'sitter' && clientDisplayName !== undefined) {
    const displayName = mine ? message.senderDisplayName : sitterSenderName(message.effectiveRole, message.senderDisplayName, clientDisplayName, ADMIN_TEAM);
    return { ...base, routeType: message.routeType, sender: { displayName, role: message.effectiveRole } };
  }
  if (isMasquerade) {
    return {
      ...base,
      mine: false,
      routeType: 'BUSINESS_TO_VA',
      sender: { displayName: message.masqueradeForBusinessName ?? 'Business', role: 'business' },
    };
  }
  if (viewer.kind === 'business' && message.effectiveRole === 'admin') {
    return { ...base, routeType: message.routeType, sender: { displayName: ADMIN_TEAM, role: 'admin' } };
  }
  return { ...base, routeType: message.routeType, sender: { displayName: message.senderDisplayName, role: message.effectiveRole } };
}
