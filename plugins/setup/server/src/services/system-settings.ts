import type { Core } from '@strapi/strapi';
import { ValidationError, parseInput } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import { organisationSettingsSchema, ORGANISATION_SETTING_RANGES, type OrganisationService } from '@switchboard/people';
import { OWNERS, composeRanges, composeSettings, splitChange, type Owner, type Range, type SystemSettings } from '../domain/system-settings';
import type { Staff } from './wizard';

/** What /setup/settings asks of each owner's settings service (their READMEs document them). */
interface SectionService {
  get(): Promise<object>;
  validate(change: unknown): unknown;
  update(change: unknown, staff: Staff | null): Promise<unknown>;
  ranges(): Record<string, Range>;
}

/**
 * The settings page (OPS §3.8; API.md "Setup and system settings"): reads every plugin's section through its service
 * and writes a change through the services that own it. Every section is checked first; then all are written in one
 * transaction, so a PUT with one bad value (400 with its sentence) changes nothing.
 */
const systemSettings = ({ strapi }: { strapi: Core.Strapi }) => {
  const organisation = (): SectionService => {
    const service = strapi.plugin('people').service('organisation') as OrganisationService;
    return {
      get: () => service.get(),
      validate: (change) => parseInput(organisationSettingsSchema, change ?? {}),
      update: (change, staff) => service.update(parseInput(organisationSettingsSchema, change ?? {}), staff ? staffActor(staff) : { kind: 'system' }),
      ranges: () => ORGANISATION_SETTING_RANGES,
    };
  };
  const owner = (id: Owner): SectionService => {
    if (id === 'people.organisation') return organisation();
    const [plugin, service] = id.split('.');
    return strapi.plugin(plugin).service(service) as unknown as SectionService;
  };

  const api = {
    async get(): Promise<{ data: SystemSettings; meta: { ranges: Record<string, Range> } }> {
      const values = {} as Record<Owner, Record<string, unknown>>;
      const ranges = {} as Record<Owner, Record<string, Range>>;
      for (const id of OWNERS) {
        values[id] = (await owner(id).get()) as Record<string, unknown>;
        ranges[id] = owner(id).ranges();
      }
      return { data: composeSettings(values), meta: { ranges: composeRanges(ranges) } };
    },

    async update(body: unknown, staff: Staff) {
      const split = splitChange(body);
      if (!split.ok) throw new ValidationError(split.message);
      // Every section first: a bad value anywhere is a 400 before anything is written.
      for (const [id, change] of split.changes) owner(id).validate(change);
      await strapi.db.transaction(async () => {
        for (const [id, change] of split.changes) await owner(id).update(change, staff);
      });
      return api.get();
    },
  };
  return api;
};

export type SystemSettingsService = ReturnType<typeof systemSettings>;
export default systemSettings;
