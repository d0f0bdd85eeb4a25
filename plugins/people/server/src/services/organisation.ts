import type { Core } from '@strapi/strapi';
import { defaults } from '@switchboard/config';
import type { AuditActor, AuditLogService } from '@switchboard/audit';
import { AUDIT_ACTIONS, ORGANISATION_UID } from '../constants';
import type { OrganisationUpdate } from '../domain/organisation';
import type { Organisation } from '../../../shared/contracts';

/** DOMAIN.md "Time zone": the organisation's name and IANA zone. */
export type { Organisation } from '../../../shared/contracts';

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
    // A copy: the query engine adds its timestamps to the data it is given.
    if (row) await strapi.db.query(ORGANISATION_UID).update({ where: { id: row.id }, data: { ...next } });
    else await strapi.db.query(ORGANISATION_UID).create({ data: { ...next } });
    return next;
  },

  /** PUT /people/organisation: saves a patch parsed by `organisationUpdateSchema` and audits `organisation.update`, in one transaction. */
  async update(patch: OrganisationUpdate, actor: AuditActor): Promise<Organisation> {
    return strapi.db.transaction(async () => {
      const before = await this.get();
      await this.save(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      const after = await this.get();
      await (strapi.plugin('audit').service('audit-log') as AuditLogService).record({
        actor,
        action: AUDIT_ACTIONS.organisationUpdate,
        entity: { type: 'organisation', id: 'organisation' },
        details: { before, after },
      });
      return after;
    });
  },
});

export type OrganisationService = ReturnType<typeof organisation>;
export default organisation;
