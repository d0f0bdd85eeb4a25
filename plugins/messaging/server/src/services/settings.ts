import type { Core } from '@strapi/strapi';
import { auditedSettings } from '@switchboard/audit';
import { DEFAULT_MESSAGING_SETTINGS, MESSAGING_SETTING_RANGES, messagingSettingsSchema, type MessagingSettings } from '../domain/settings';
import { PLUGIN } from '../constants';

/** Messaging's settings: the response-time SLA that alerts (sla_breach) and compliance (analytics) both read. In Strapi's core store (every node reads the same); each change checked against its range and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<MessagingSettings, typeof messagingSettingsSchema>(strapi, { plugin: PLUGIN, defaults: () => DEFAULT_MESSAGING_SETTINGS, schema: messagingSettingsSchema, ranges: MESSAGING_SETTING_RANGES });

export type MessagingSettingsService = ReturnType<typeof settings>;
export default settings;
