import type { Core } from '@strapi/strapi';
import { defaults } from '@switchboard/config';
import { ORGANISATION_UID } from '../constants';

/** DOMAIN.md "Time zone": the organisation's name and IANA zone. */
export interface Organisation {
  name: string;
  timeZone: string;
}

/** The organisation settings (one row): every rule that speaks of local time reads `timeZone` here. */
const organisation = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The saved settings, or the defaults of config/defaults.ts until an owner saves some. */
  async get(): Promise<Organisation> {
    const row = (await strapi.db.query(ORGANISATION_UID).findOne({})) as Organisation | null;
    return { name: row?.name ?? defaults.organisation.name, timeZone: row?.timeZone ?? defaults.organisation.timeZone };
  },

  /** Saves a validated patch (the caller validates and audits). */
  async save(patch: Partial<Organisation>): Promise<Organisation> {
    const current = await this.get();
    const next = { ...current, ...patch };
    const row = await strapi.db.query(ORGANISATION_UID).findOne({});
    if (row) await strapi.db.query(ORGANISATION_UID).update({ where: { id: row.id }, data: next });
    else await strapi.db.query(ORGANISATION_UID).create({ data: next });
    return next;
  },
});

export type OrganisationService = ReturnType<typeof organisation>;
export default organisation;
