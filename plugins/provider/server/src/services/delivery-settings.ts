import type { Core } from '@strapi/strapi';
import { loadEnv } from '@switchboard/config';
import { auditedSettings } from '@switchboard/audit';
import { DELIVERY_SETTING_RANGES, defaultDeliverySettings, deliverySettingsSchema, type DeliverySettings } from '../domain/delivery-settings';
import { PLUGIN } from '../constants';

/** The provider's delivery settings (`PUT /provider/settings/delivery`, and /setup/settings' `delivery`), in the core store. */
const deliverySettings = ({ strapi }: { strapi: Core.Strapi }) =>
  auditedSettings<DeliverySettings, typeof deliverySettingsSchema>(strapi, { plugin: PLUGIN, section: 'delivery', defaults: () => defaultDeliverySettings(loadEnv()), schema: deliverySettingsSchema, ranges: DELIVERY_SETTING_RANGES });

export type DeliverySettingsService = ReturnType<typeof deliverySettings>;
export default deliverySettings;
