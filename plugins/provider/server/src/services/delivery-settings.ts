import type { Core } from '@strapi/strapi';
import { loadEnv } from '@switchboard/config';
import { parseInput, storedSettings } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import { DELIVERY_SETTING_RANGES, defaultDeliverySettings, deliverySettingsSchema, type DeliverySettings } from '../domain/delivery-settings';
import { PLUGIN } from '../constants';
import { auditLog } from '../get-service';

/** The provider's delivery settings (`PUT /provider/settings/delivery`, and /setup/settings' `delivery`), in the core store. */
const deliverySettings = ({ strapi }: { strapi: Core.Strapi }) =>
  storedSettings<DeliverySettings, typeof deliverySettingsSchema>(strapi as any, {
    plugin: PLUGIN,
    defaults: () => defaultDeliverySettings(loadEnv()),
    schema: deliverySettingsSchema,
    ranges: DELIVERY_SETTING_RANGES,
    parse: parseInput,
    audit: (change, staff) => auditLog(strapi).record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: 'delivery' }, details: { ...change, section: 'delivery' } }),
  });

export type DeliverySettingsService = ReturnType<typeof deliverySettings>;
export default deliverySettings;
