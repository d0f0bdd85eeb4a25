import type { Core } from '@strapi/strapi';
import { auditedSettings } from '@switchboard/audit';
import { DEFAULT_ASSIGNMENTS_SETTINGS, ASSIGNMENTS_SETTING_RANGES, assignmentsSettingsSchema, type AssignmentsSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Assignments' settings: the reassignment message (`templates.reassignment`) and the pool grace hours (`routing.poolThreadGraceHours`, used here to keep a pool number with its thread). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<AssignmentsSettings, typeof assignmentsSettingsSchema>(strapi, { plugin: PLUGIN, defaults: () => DEFAULT_ASSIGNMENTS_SETTINGS, schema: assignmentsSettingsSchema, ranges: ASSIGNMENTS_SETTING_RANGES });

export type AssignmentsSettingsService = ReturnType<typeof settings>;
export default settings;
