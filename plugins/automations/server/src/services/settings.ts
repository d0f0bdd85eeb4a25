import type { Core } from '@strapi/strapi';
import { parseInput } from '@switchboard/kit';
import { AUTOMATION_SETTING_RANGES, DEFAULT_SETTINGS, settingsChangeSchema, type AutomationSettings } from '../domain/settings';
import { PLUGIN } from '../constants';
import { lower } from './lower';
import { actorOf, type Staff } from './automations';

/**
 * Automations' own settings (STYLE.md "Each plugin owns its settings"), kept in Strapi's core store so every node reads
 * the same values: the breaker's failure threshold, the loop depth limit, the per-client daily cap, quiet hours.
 * The settings page (issue 23) reads and writes them here; each change is checked against its range and audited.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'settings' });
  return {
    async get(): Promise<AutomationSettings> {
      const saved = ((await store().get({})) ?? {}) as Partial<AutomationSettings>;
      return { ...DEFAULT_SETTINGS, ...saved };
    },

    /** A change checked against its ranges (400 with the sentence), nothing written. */
    validate(change: unknown) {
      return parseInput(settingsChangeSchema, change ?? {});
    },

    ranges: () => AUTOMATION_SETTING_RANGES,

    async update(change: unknown, staff: Staff | null): Promise<AutomationSettings> {
      const parsed = parseInput(settingsChangeSchema, change ?? {});
      return strapi.db.transaction(async () => {
        const before = await this.get();
        const after = { ...before, ...parsed };
        await store().set({ value: after });
        await lower(strapi).audit().record({
          actor: actorOf(staff),
          action: 'settings.update',
          entity: { type: 'settings', id: PLUGIN },
          details: { section: PLUGIN, before, after },
        });
        return after;
      });
    },
  };
};

export type SettingsService = ReturnType<typeof settings>;
export default settings;
