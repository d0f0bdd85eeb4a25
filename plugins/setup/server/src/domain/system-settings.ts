/**
 * API.md "SystemSettings": which plugin owns each setting the settings page shows. The page's sections are the
 * business's words; a section may gather settings of several owners (routing's grace hours are assignments', the
 * SLA is messaging's through alerts), and an owner may fill several sections (assignments: routing and templates).
 * Pure: the services are looked up by owner in services/system-settings.ts.
 */
export const OWNERS = ['people.organisation', 'routing.settings', 'assignments.settings', 'numbers.settings', 'policy.settings', 'automations.settings', 'alerts.settings', 'provider.delivery-settings'] as const;
export type Owner = (typeof OWNERS)[number];

interface Part {
  owner: Owner;
  /** The page's field name → the owner's field name. */
  fields: Record<string, string>;
}

const same = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n]));

export const SECTIONS: Record<string, Part[]> = {
  organisation: [{ owner: 'people.organisation', fields: same('name', 'timeZone') }],
  routing: [
    { owner: 'routing.settings', fields: same('poolAutoResponse') },
    { owner: 'assignments.settings', fields: same('poolThreadGraceHours') },
  ],
  numbers: [{ owner: 'numbers.settings', fields: same('cooldownDays', 'healthWarningErrors', 'healthCriticalErrors') }],
  policy: [{ owner: 'policy.settings', fields: same('warnSender') }],
  automations: [{ owner: 'automations.settings', fields: same('failureThreshold', 'maxDepth', 'clientDailyCap', 'quietHours') }],
  alerts: [{ owner: 'alerts.settings', fields: same('slaMinutes', 'failureRatePercent', 'failureRateWindowMinutes', 'failureRateMinSends', 'webhookRefusalsMax', 'deliveryBacklogMax') }],
  templates: [{ owner: 'assignments.settings', fields: { reassignment: 'reassignmentTemplate' } }],
  delivery: [{ owner: 'provider.delivery-settings', fields: same('retries', 'backoffSeconds', 'maxBackoffSeconds', 'timeoutMinutes') }],
};

export type SystemSettings = Record<string, Record<string, unknown>>;
export interface Range {
  min: number;
  max: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A PUT body (SystemSettings, partial) as one change per owner, in the owners' field names; or the sentence for the
 * first thing no owner knows (nothing is written then).
 */
export function splitChange(body: unknown): { ok: true; changes: Map<Owner, Record<string, unknown>> } | { ok: false; message: string } {
  if (!isObject(body)) return { ok: false, message: 'Settings must be an object of sections, like { "numbers": { "cooldownDays": 90 } }.' };
  const changes = new Map<Owner, Record<string, unknown>>();
  for (const [section, fields] of Object.entries(body)) {
    const parts = SECTIONS[section];
    if (!parts) return { ok: false, message: `Unknown settings section: ${section}. The sections are ${Object.keys(SECTIONS).join(', ')}.` };
    if (!isObject(fields)) return { ok: false, message: `The ${section} section must be an object of settings.` };
    for (const [field, value] of Object.entries(fields)) {
      const part = parts.find((p) => field in p.fields);
      if (!part) return { ok: false, message: `Unknown setting: ${section}.${field}.` };
      changes.set(part.owner, { ...(changes.get(part.owner) ?? {}), [part.fields[field]]: value });
    }
  }
  return { ok: true, changes };
}

/** Every owner's values as the page's SystemSettings. */
export function composeSettings(values: Record<Owner, Record<string, unknown>>): SystemSettings {
  return Object.fromEntries(
    Object.entries(SECTIONS).map(([section, parts]) => [
      section,
      Object.fromEntries(parts.flatMap((p) => Object.entries(p.fields).map(([field, ownerField]) => [field, values[p.owner]?.[ownerField] ?? null]))),
    ]),
  );
}

/** Every owner's ranges as `{ "numbers.cooldownDays": { min, max } }`, for the page to show beside each field. */
export function composeRanges(ranges: Record<Owner, Record<string, Range>>): Record<string, Range> {
  const out: Record<string, Range> = {};
  for (const [section, parts] of Object.entries(SECTIONS)) {
    for (const p of parts) {
      for (const [field, ownerField] of Object.entries(p.fields)) {
        const range = ranges[p.owner]?.[ownerField];
        if (range) out[`${section}.${field}`] = range;
      }
    }
  }
  return out;
}
