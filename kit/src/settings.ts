import { z } from 'zod';
import { ValidationError } from './errors';

/** A setting's safe range (OPS §3.8 "System defaults cannot be set to unsafe values"), shown beside it on the settings page. */
export interface SettingRange {
  min: number;
  max: number;
}

/**
 * A whole-number setting checked against its range, each refusal in OPS §3.8's sentence: "Invalid setting value.
 * [Explanation]. Use valid range: [range]." `below`/`above` replace the explanation when the spec words it.
 */
export function settingNumber(what: string, range: SettingRange, words: { below?: string; above?: string } = {}) {
  const { min, max } = range;
  const use = `Use valid range: ${min}–${max}.`;
  return z
    .number({ error: `Invalid setting value. ${what} is a whole number. ${use}` })
    .int({ error: `Invalid setting value. ${what} is a whole number. ${use}` })
    .min(min, { error: `Invalid setting value. ${words.below ?? `${what} cannot be below ${min}`}. ${use}` })
    .max(max, { error: `Invalid setting value. ${words.above ?? `${what} cannot be above ${max}`}. ${use}` });
}

/** A text setting (a message sent to clients): not empty, not longer than `max` characters. */
export function settingText(what: string, max: number) {
  const sentence = `Invalid setting value. ${what} cannot be empty or longer than ${max} characters. Use valid range: 1–${max} characters.`;
  return z.string({ error: sentence }).trim().min(1, { error: sentence }).max(max, { error: sentence });
}

/** A section's change: only its own settings, each optional (a partial PUT). */
export function settingsSection<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown setting: ${(issue as { keys: string[] }).keys.join(', ')}.` : 'Settings must be an object.'),
  });
}

interface SettingsStrapi {
  store(options: { type: 'plugin'; name: string; key: string }): { get(params: object): Promise<unknown>; set(params: { value: unknown }): Promise<unknown> };
  db: { transaction<R>(work: () => Promise<R>): Promise<R> };
}

/**
 * A plugin's section of the system settings (STYLE.md "Each plugin owns its settings"), kept in Strapi's core store
 * so every node reads the same: `get()` (saved values over the defaults), `validate(change)` (400 with the spec's
 * sentence, nothing written), `update(change, staff)` (stored and audited with old and new values in one transaction;
 * inside a caller's transaction it joins it, so /setup/settings writes several sections all or nothing).
 */
export function storedSettings<T extends object, S extends z.ZodType>(
  strapi: SettingsStrapi,
  options: {
    plugin: string;
    defaults: () => T;
    schema: S;
    ranges: Record<string, SettingRange>;
    audit: (change: { section: string; before: T; after: T }, staff: { id: number; displayName: string } | null) => Promise<unknown>;
    parse: (schema: S, input: unknown) => Partial<T>;
    /** A rule across fields, on the values a change would leave (e.g. red above yellow): its sentence, or null. */
    check?: (after: T) => string | null;
  },
) {
  const store = () => strapi.store({ type: 'plugin', name: options.plugin, key: 'settings' });
  const api = {
    async get(): Promise<T> {
      return { ...options.defaults(), ...(((await store().get({})) ?? {}) as Partial<T>) };
    },
    validate(change: unknown): Partial<T> {
      return options.parse(options.schema, change ?? {});
    },
    async update(change: unknown, staff: { id: number; displayName: string } | null): Promise<T> {
      const parsed = api.validate(change);
      return strapi.db.transaction(async () => {
        const before = await api.get();
        const after = { ...before, ...parsed };
        const problem = options.check?.(after);
        if (problem) throw new ValidationError(problem);
        await store().set({ value: after });
        await options.audit({ section: options.plugin, before, after }, staff);
        return after;
      });
    },
    ranges: () => options.ranges,
  };
  return api;
}
