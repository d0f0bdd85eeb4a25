import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { parseInput, storedSettings, type SettingRange } from '@switchboard/kit';
import { staffActor } from './domain/audit-event';
import type { AuditLogService } from './services/audit-log';

/**
 * A plugin's section of the system settings, stored (kit's `storedSettings`: Strapi's core store, ranges, the spec's
 * sentence) and audited here as `settings.update` with `{ section, before, after }` — the one way every plugin wires
 * its settings service (STYLE.md "Each plugin owns its settings"). `section` names the audit entity when a plugin
 * keeps more than one (provider's `delivery`).
 */
export function auditedSettings<T extends object, S extends z.ZodType>(
  strapi: Core.Strapi,
  options: { plugin: string; section?: string; defaults: () => T; schema: S; ranges: Record<string, SettingRange>; check?: (after: T) => string | null },
) {
  const { section, ...stored } = options;
  return storedSettings<T, S>(strapi as any, {
    ...stored,
    parse: parseInput as (schema: S, input: unknown) => Partial<T>,
    audit: (change, staff) =>
      (strapi.plugin('audit').service('audit-log') as AuditLogService).record({
        actor: staff ? staffActor(staff) : { kind: 'system' },
        action: 'settings.update',
        entity: { type: 'settings', id: section ?? options.plugin },
        details: section ? { ...change, section } : change,
      }),
  });
}
