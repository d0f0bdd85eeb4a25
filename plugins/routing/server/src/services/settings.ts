import type { Core } from '@strapi/strapi';
import { auditedSettings } from '@switchboard/audit';
import { DEFAULT_ROUTING_SETTINGS, ROUTING_SETTING_RANGES, routingSettingsSchema, type RoutingSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Routing's settings: the pool auto-response (OPS §4.4). In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<RoutingSettings, typeof routingSettingsSchema>(strapi, { plugin: PLUGIN, defaults: () => DEFAULT_ROUTING_SETTINGS, schema: routingSettingsSchema, ranges: ROUTING_SETTING_RANGES });

export type RoutingSettingsService = ReturnType<typeof settings>;
export default settings;
