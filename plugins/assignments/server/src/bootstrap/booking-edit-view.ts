import type { Core } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';

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
  const contentTypes = strapi.plugin('content-manager')?.service('content-types') as
    | { findConfiguration(ct: unknown): Promise<any>; updateConfiguration(ct: unknown, conf: any): Promise<unknown> }
    | undefined;
  if (!contentTypes) return;
  const contentType = strapi.contentType(BOOKING_UID as any);
  const configuration = await contentTypes.findConfiguration(contentType);
  const metadatas = { ...configuration.metadatas };
  let changed = false;
  for (const [field, help] of Object.entries(FIELD_HELP)) {
    const edit = metadatas[field]?.edit;
    if (!edit) continue;
    const editable = help.editable ?? true;
    if (edit.description === help.description && edit.editable === editable) continue;
    metadatas[field] = { ...metadatas[field], edit: { ...edit, description: help.description, editable } };
    changed = true;
  }
  if (changed) await contentTypes.updateConfiguration(contentType, { settings: configuration.settings, metadatas, layouts: configuration.layouts });
}
