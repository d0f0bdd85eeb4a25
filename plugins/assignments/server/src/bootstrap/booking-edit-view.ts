import type { Core } from '@strapi/strapi';
import { BOOKING_UID, WINDOW_UID } from '../constants';

/** What the Content Manager's booking form says beside each field; the server-set ones are read-only there. */
const FIELD_HELP: Record<string, { description: string; editable?: boolean }> = {
  client: { description: "The client's documentId (People → Clients)." },
  sitterId: { description: "The sitter's user id; empty for no sitter. A weekly booking with a sitter uses their masked number." },
  timeZone: { description: "An IANA time zone, like America/Los_Angeles; empty means the organisation's." },
  recurrence: { description: 'Weekly only: { "daysOfWeek": ["MO", "WE"], "startTime": "09:00", "endTime": "24:00", "until": "2027-03-31" }.' },
  conversationId: { description: "Set by the server: the client's thread this booking uses.", editable: false },
  numberE164: { description: 'Set by the server: the business number of that thread.', editable: false },
  numberClass: { description: 'Set by the server: front_desk, sitter or pool (OPS §4.4).', editable: false },
};

/**
 * The Content Manager's form for bookings: help under each field, and the server-set fields read-only. Checked at every
 * bootstrap, saved only when it differs.
 */
export async function configureBookingEditView(strapi: Core.Strapi): Promise<void> {
  await configureEditView(strapi, BOOKING_UID, FIELD_HELP);
}

/** What the Content Manager's window form says; the server-set fields are read-only there. */
const WINDOW_FIELD_HELP: Record<string, { description: string; editable?: boolean }> = {
  conversationId: { description: 'The client thread this window is on.' },
  sitterId: { description: "The sitter's user id." },
  startsAt: { description: 'When the sitter may start messaging the client (included).' },
  endsAt: { description: 'When it ends (not included: windows are half-open).' },
  timeZone: { description: "An IANA time zone, like America/Los_Angeles; empty means the organisation's." },
  booking: { description: "Set by the server: the booking's documentId that made this window, if any.", editable: false },
  clientId: { description: "Set by the server: the thread's client.", editable: false },
  overlapping: { description: 'Set by the server: stored inert because it overlapped another window on the thread (resolve it on the Assignments page).', editable: false },
};

export async function configureWindowEditView(strapi: Core.Strapi): Promise<void> {
  await configureEditView(strapi, WINDOW_UID, WINDOW_FIELD_HELP);
}

async function configureEditView(strapi: Core.Strapi, uid: string, help: Record<string, { description: string; editable?: boolean }>): Promise<void> {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types') as
    | { findConfiguration(ct: unknown): Promise<any>; updateConfiguration(ct: unknown, conf: any): Promise<unknown> }
    | undefined;
  if (!contentTypes) return;
  const contentType = strapi.contentType(uid as any);
  const configuration = await contentTypes.findConfiguration(contentType);
  const metadatas = { ...configuration.metadatas };
  let changed = false;
  for (const [field, fieldHelp] of Object.entries(help)) {
    const edit = metadatas[field]?.edit;
    if (!edit) continue;
    const editable = fieldHelp.editable ?? true;
    if (edit.description === fieldHelp.description && edit.editable === editable) continue;
    metadatas[field] = { ...metadatas[field], edit: { ...edit, description: fieldHelp.description, editable } };
    changed = true;
  }
  if (changed) await contentTypes.updateConfiguration(contentType, { settings: configuration.settings, metadatas, layouts: configuration.layouts });
}
