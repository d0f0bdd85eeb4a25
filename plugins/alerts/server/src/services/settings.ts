import type { Core } from '@strapi/strapi';
import { parseInput } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import type { MessagingSettingsService } from '@switchboard/messaging';
import { ALERT_SETTING_RANGES, DEFAULT_ALERT_SETTINGS, alertSettingsSchema, type AlertSettings } from '../domain/settings';
import { PLUGIN } from '../constants';
import { lower } from './lower';
import type { Staff } from './alerts';

/**
 * Alerts' own thresholds, in Strapi's core store (every node reads the same); each change checked and audited.
 * `slaMinutes` is messaging's (one SLA for alerts and compliance's analytics): read and written there.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'settings' });
  const messaging = () => strapi.plugin('messaging').service('settings') as MessagingSettingsService;
  const own = async (): Promise<Omit<AlertSettings, 'slaMinutes'>> => {
    const { slaMinutes: _stale, ...saved } = ((await store().get({})) ?? {}) as Partial<AlertSettings>;
    const { slaMinutes: _default, ...rest } = DEFAULT_ALERT_SETTINGS;
    return { ...rest, ...saved };
  };
  const api = {
    async get(): Promise<AlertSettings> {
      return { ...(await own()), slaMinutes: (await messaging().get()).slaMinutes };
    },
    validate(change: unknown): Partial<AlertSettings> {
      const parsed = parseInput(alertSettingsSchema, change ?? {});
      if (parsed.slaMinutes !== undefined) messaging().validate({ slaMinutes: parsed.slaMinutes });
      return parsed;
    },
    async update(change: unknown, staff: Staff | null): Promise<AlertSettings> {
      const { slaMinutes, ...parsed } = api.validate(change);
      return strapi.db.transaction(async () => {
        if (slaMinutes !== undefined) await messaging().update({ slaMinutes }, staff);
        if (Object.keys(parsed).length === 0) return api.get();
        const before = await own();
        const after = { ...before, ...parsed };
        await store().set({ value: after });
        await lower(strapi).audit().record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: 'settings.update', entity: { type: 'settings', id: PLUGIN }, details: { section: PLUGIN, before, after } });
        return api.get();
      });
    },
    ranges: () => ALERT_SETTING_RANGES,

    /**
     * The SLA once lived in alerts' store; it is messaging's now. A value saved here before the move goes to messaging
     * once (audited as the system's change) and leaves this store, so the Owner's choice is kept; a value out of
     * messaging's range is dropped with a warning rather than stopping the start.
     */
    async moveSlaToMessaging(): Promise<void> {
      const saved = ((await store().get({})) ?? null) as Partial<AlertSettings> | null;
      if (!saved || saved.slaMinutes === undefined) return;
      const { slaMinutes, ...rest } = saved;
      try {
        await messaging().update({ slaMinutes }, null);
      } catch (error) {
        strapi.log.warn(`[alerts] the SLA saved before it moved to messaging (${slaMinutes}) was not kept: ${error instanceof Error ? error.message : error}`);
      }
      await store().set({ value: rest });
    },
  };
  return api;
};

export type AlertSettingsService = ReturnType<typeof settings>;
export default settings;
