import type { Core } from '@strapi/strapi';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { DEFAULT_ASSIGNMENTS_SETTINGS, ASSIGNMENTS_SETTING_RANGES, assignmentsSettingsSchema, type AssignmentsSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Assignments' settings: the reassignment message (`templates.reassignment`) and the pool grace hours (`routing.poolThreadGraceHours`, used here to keep a pool number with its thread). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<AssignmentsSettings, typeof assignmentsSettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => DEFAULT_ASSIGNMENTS_SETTINGS,
    schema: assignmentsSettingsSchema,
    ranges: ASSIGNMENTS_SETTING_RANGES,
    parse: parseInput,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: change }),
  });

export type AssignmentsSettingsService = ReturnType<typeof settings>;
export default settings;
