/**
 * API.md "Profile" (GET/PUT /api/profile and the `profile:updated` event), as the server answers it and the web app
 * reads it: the one place this shape is written (types only; nothing here runs).
 */

/** The users-permissions roles of the people who use the web app (DOMAIN.md "Actors"). */
export type AppRole = 'business' | 'va' | 'sitter';

/** PRD §6.2: whether this person may compose, and if not, why and where to fix it. */
export interface Gating {
  canCompose: boolean;
  reason?: string;
  cta?: { label: string; href: '/dashboard' };
}

export interface Profile {
  user: { id: string; displayName: string; role: AppRole };
  /** A Business's own profile: completeness counts ten fields, 10 points each. */
  business?: {
    id: string;
    name: string;
    profileCompleteness: number;
    /** The missing field keys, by API.md's names. */
    missingFields: string[];
    /** The saved values (beyond API.md, for the dashboard's form); null when empty. */
    fields: Record<string, string | null>;
  };
  /** A sitter's own (beyond API.md, for the dashboard): the masked number clients text them on, null until activated with one. */
  sitter?: { maskedNumber: string | null };
  gating: Gating;
}
