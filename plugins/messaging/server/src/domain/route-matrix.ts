/**
 * DOMAIN.md "Route types": which sender may send which routeType in which conversation kind,
 * and whom recipients see as the sender. Every refusal is a sentence a person can act on.
 */
export const CONVERSATION_KINDS = ['business_admin', 'admin_va', 'business_va', 'admin_sitter', 'client'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const ROUTE_TYPES = [
  'BUSINESS_TO_ADMIN',
  'ADMIN_TO_BUSINESS',
  'ADMIN_TO_VA_PRIVATE',
  'VA_TO_ADMIN',
  'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS',
  'VA_TO_BUSINESS',
  'SITTER_TO_ADMIN',
  'ADMIN_TO_SITTER_PRIVATE',
  'CLIENT_INBOUND',
  'SITTER_TO_CLIENT',
  'STAFF_TO_CLIENT',
  'AUTOMATION_TO_CLIENT',
  'SYSTEM',
] as const;
export type RouteType = (typeof ROUTE_TYPES)[number];

/** Who is sending, as the route matrix sees them: Owners and Messaging Admins are both `staff`. */
export type SenderRole = 'business' | 'va' | 'sitter' | 'staff' | 'client' | 'automation' | 'system';
/** The role recipients see (API.md Message.sender.role). */
export type EffectiveRole = 'business' | 'admin' | 'va' | 'sitter' | 'client' | 'automation' | 'system';

interface Route {
  sender: SenderRole;
  kinds: readonly ConversationKind[];
  effectiveRole: EffectiveRole;
}

export const ROUTE_MATRIX: Record<RouteType, Route> = {
  BUSINESS_TO_ADMIN: { sender: 'business', kinds: ['business_admin'], effectiveRole: 'business' },
  ADMIN_TO_BUSINESS: { sender: 'staff', kinds: ['business_admin'], effectiveRole: 'admin' },
  ADMIN_TO_VA_PRIVATE: { sender: 'staff', kinds: ['admin_va'], effectiveRole: 'admin' },
  VA_TO_ADMIN: { sender: 'va', kinds: ['admin_va'], effectiveRole: 'va' },
  ADMIN_MASQUERADE_TO_VA_AS_BUSINESS: { sender: 'staff', kinds: ['business_va'], effectiveRole: 'business' },
  VA_TO_BUSINESS: { sender: 'va', kinds: ['business_va'], effectiveRole: 'va' },
  SITTER_TO_ADMIN: { sender: 'sitter', kinds: ['admin_sitter'], effectiveRole: 'sitter' },
  ADMIN_TO_SITTER_PRIVATE: { sender: 'staff', kinds: ['admin_sitter'], effectiveRole: 'admin' },
  CLIENT_INBOUND: { sender: 'client', kinds: ['client'], effectiveRole: 'client' },
  SITTER_TO_CLIENT: { sender: 'sitter', kinds: ['client'], effectiveRole: 'sitter' },
  STAFF_TO_CLIENT: { sender: 'staff', kinds: ['client'], effectiveRole: 'admin' },
  AUTOMATION_TO_CLIENT: { sender: 'automation', kinds: ['client'], effectiveRole: 'automation' },
  SYSTEM: { sender: 'system', kinds: CONVERSATION_KINDS, effectiveRole: 'system' },
};

const KIND_NAMES: Record<ConversationKind, string> = {
  business_admin: 'a conversation between a business and the Admin team',
  admin_va: 'a private Admin↔VA conversation',
  business_va: 'a business conversation with a VA',
  admin_sitter: 'a private conversation between a sitter and the Admin team',
  client: 'a client SMS conversation',
};

const SENDER_NAMES: Record<SenderRole, string> = {
  business: 'a business',
  va: 'a VA',
  sitter: 'a sitter',
  staff: 'an owner or admin',
  client: 'a client',
  automation: 'an automation',
  system: 'the system',
};

const ROUTE_PURPOSE: Record<RouteType, string> = {
  BUSINESS_TO_ADMIN: 'a business writing to the Admin team',
  ADMIN_TO_BUSINESS: 'the Admin team replying to a business',
  ADMIN_TO_VA_PRIVATE: 'an admin writing privately to a VA',
  VA_TO_ADMIN: 'a VA writing to the Admin team',
  ADMIN_MASQUERADE_TO_VA_AS_BUSINESS: 'an admin replying to a VA as the business',
  VA_TO_BUSINESS: 'a VA writing to a business',
  SITTER_TO_ADMIN: 'a sitter writing to the Admin team',
  ADMIN_TO_SITTER_PRIVATE: 'an admin writing privately to a sitter',
  CLIENT_INBOUND: 'a client texting in',
  SITTER_TO_CLIENT: 'a sitter texting a client',
  STAFF_TO_CLIENT: 'staff texting a client',
  AUTOMATION_TO_CLIENT: 'an automation texting a client',
  SYSTEM: 'a system notice',
};

export const isRouteType = (value: unknown): value is RouteType => ROUTE_TYPES.includes(value as RouteType);

export type RouteDecision = { allowed: true; effectiveRole: EffectiveRole } | { allowed: false; message: string };

/** The one check of (sender role, conversation kind, routeType); anything not in the table is refused. */
export function checkRoute(senderRole: SenderRole, kind: ConversationKind, routeType: RouteType): RouteDecision {
  const route = ROUTE_MATRIX[routeType];
  if (route.sender !== senderRole) {
    return {
      allowed: false,
      message: `${routeType} is for ${ROUTE_PURPOSE[routeType]}; ${SENDER_NAMES[senderRole]} cannot send it. ${suggestion(senderRole, kind)}`.trim(),
    };
  }
  if (!route.kinds.includes(kind)) {
    return {
      allowed: false,
      message: `${routeType} is for ${ROUTE_PURPOSE[routeType]} and does not belong in ${KIND_NAMES[kind]}. ${suggestion(senderRole, kind)}`.trim(),
    };
  }
  return { allowed: true, effectiveRole: route.effectiveRole };
}

/** The route types this sender may use in this kind of conversation. */
export function routesFor(senderRole: SenderRole, kind: ConversationKind): RouteType[] {
  return ROUTE_TYPES.filter((r) => ROUTE_MATRIX[r].sender === senderRole && ROUTE_MATRIX[r].kinds.includes(kind) && r !== 'SYSTEM');
}

function suggestion(senderRole: SenderRole, kind: ConversationKind): string {
  const options = routesFor(senderRole, kind);
  if (options.length === 0) return `${capitalise(SENDER_NAMES[senderRole])} cannot send messages in ${KIND_NAMES[kind]}.`;
  return `Use ${options.join(' or ')} here.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
