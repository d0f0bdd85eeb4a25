import type { Core } from '@strapi/strapi';
import { parseInput } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import { DEFAULT_ALERT_SETTINGS, alertSettingsSchema, type AlertSettings } from '../domain/settings';
import { PLUGIN } from '../constants';
import { lower } from './lower';
import type { Staff } from './alerts';

/** Alerts' own thresholds, in Strapi's core store (every node reads the same); each change checked and audited. */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'settings' });
  return {
    async get(): Promise<AlertSettings> {
      return { ...DEFAULT_ALERT_SETTINGS, ...(((await store().get({})) ?? {}) as Partial<AlertSettings>) };
    },
    async update(change: unknown, staff: Staff | null): Promise<AlertSettings> {
      const parsed = parseInput(alertSettingsSchema, change ?? {});
      const before = await this.get();
      const after = { ...before, ...parsed };
      await strapi.db.transaction(async () => {
        await store().set({ value: after });
        await lower(strapi).audit().record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: { section: PLUGIN, before, after } });
      });
      return after;
    },
  };
};

export type AlertSettingsService = ReturnType<typeof settings>;
export default settings;
