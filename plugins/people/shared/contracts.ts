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

/*
 * The people plugin's admin routes (API.md "Admin pickers", "Setup and system settings"; issue 14), as the server
 * answers them and the People admin page reads them.
 */

/** A client (GET/POST/PUT /people/clients): `id` is the documentId; `name` is the phone number until someone names the client. */
export interface ClientView {
  id: string;
  name: string;
  firstName: string;
  lastName: string | null;
  phone: string;
  notes: string | null;
}

/** Strapi's pagination of a list answer's `meta`. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** GET /people/clients?q=: one page of clients. */
export interface ClientList {
  data: ClientView[];
  meta: { pagination: Pagination };
}

/** A row of GET /people/sitters: `id` is the sitter's user id; the masked number once one is assigned. */
export interface SitterPick {
  id: number;
  displayName: string;
  active: boolean;
  maskedNumber?: string;
}

/** The app roles an Owner creates accounts for (the same as AppRole). */
export type AccountRole = AppRole;

/** POST /people/accounts: the new user, and how they get in — a link sent by e-mail, or a password shown once. */
export interface AccountCreated {
  user: { id: number; email: string; role: AccountRole };
  invitation: { link: string } | { oneTimePassword: string };
}

/** GET/PUT /people/organisation (DOMAIN.md "Time zone"): the organisation's name and IANA zone. */
export interface Organisation {
  name: string;
  timeZone: string;
}

/** `?preview=true` of activate/deactivate: the sentences of the confirmation dialog. */
export interface ActivationPreviewAnswer {
  preview: true;
  impact: string[];
}

/** Activate/deactivate done: the OPS §4.1/§4.2 sentence, and what numbers reports beside it. */
export type ActivationDone = { message: string } & Record<string, unknown>;
