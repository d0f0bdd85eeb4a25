/**
 * The words a person reads for a violation's type, status, action and sender (OPS §3.5 "Policy Violations Feed"):
 * one copy for the server's sentences and CSV and the admin pages. Pure, no imports (the admin bundles it).
 */
export const TYPE_TITLES: Record<string, string> = { phone_number: 'Phone number', email: 'Email address', url: 'Link', social_handle: 'Social media handle' };

/** OPS §3.5 names the "Action taken" Blocked / Warned / Overridden; a client message kept from its sitter is "Held". */
export const ACTION_LABELS: Record<string, string> = { blocked: 'Blocked', held: 'Held', overridden: 'Overridden' };

export const STATUS_LABELS: Record<string, string> = { open: 'Open', resolved: 'Resolved', dismissed: 'Dismissed' };

export const SENDER_ROLE_LABELS: Record<string, string> = { sitter: 'Sitter', client: 'Client', automation: 'Automation' };

/** "Phone number, Email address" (unknown types as they are). */
export const typesTitle = (types: readonly string[], separator = ', ') => types.map((t) => TYPE_TITLES[t] ?? t).join(separator);
