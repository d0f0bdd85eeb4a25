import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { systemClock } from '@switchboard/config';
import { ConflictError, ValidationError } from '@switchboard/kit';
import type { ProviderNumber, ProviderSettingsService } from '@switchboard/provider';
import { displayNumber, type NumberClass } from '../domain/inventory';
import { AUDIT_ACTIONS, NUMBER_UID } from '../constants';
import type { Actor } from './lifecycle';
import { getService } from '../get-service';

/** How many offers a search shows, and how many a purchase looks through to find the chosen number's cost. */
const SEARCH_LIMIT = 20;
const PURCHASE_LOOKUP_LIMIT = 100;

/** Getting numbers into the inventory (OPS §3.1 "Purchase", "Import") through the provider plugin. */
const purchasing = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;
  const providerSettings = () => strapi.plugin('provider').service('settings') as ProviderSettingsService;
  const now = () => systemClock.now();
  const record = (actor: Actor, action: string, entityId: number | string, details: Record<string, unknown>) => getService(strapi, 'lifecycle').record(actor, action, entityId, details);

  return {
    /** Numbers the provider offers in an area code, with their monthly cost, before anything is bought. */
    async searchAvailable(areaCode: string) {
      const provider = await providerSettings().provider();
      const existing = new Set(((await knex()('phone_number').select('e_164 as e164')) as Array<{ e164: string }>).map((r) => r.e164));
      return (await provider.searchAvailableNumbers({ areaCode, limit: SEARCH_LIMIT })).filter((n) => !existing.has(n.e164));
    },

    async buy(input: { e164: string; numberClass: NumberClass }, actor: Actor) {
      if (await knex()('phone_number').where('e_164', input.e164).first('id')) throw new ConflictError(`${displayNumber(input.e164)} is already in the inventory.`);
      const provider = await providerSettings().provider();
      const available = await provider.searchAvailableNumbers({ areaCode: input.e164.slice(2, 5), limit: PURCHASE_LOOKUP_LIMIT });
      const offer = available.find((n) => n.e164 === input.e164);
      const bought = await provider.buyNumber(input.e164, await providerSettings().webhookUrls());
      return strapi.db.transaction(async () => {
        const created = await strapi.db.query(NUMBER_UID).create({
          data: { e164: bought.e164, numberClass: input.numberClass, status: 'active', providerRef: bought.providerRef, capabilities: bought.capabilities, monthlyCost: offer?.monthlyCost ?? null, source: 'purchased', addedAt: now(), assignmentCount: 0 },
        });
        await record(actor, AUDIT_ACTIONS.buy, created.id, { e164: bought.e164, numberClass: input.numberClass, monthlyCost: offer?.monthlyCost ?? null, provider: provider.kind });
        return { id: created.id as number, e164: bought.e164 };
      });
    },

    /** Imports numbers the provider account already owns, by E.164 or provider reference; all or none. */
    async import(input: { numbers: Array<{ e164?: string; providerRef?: string }>; numberClass: NumberClass }, actor: Actor) {
      const provider = await providerSettings().provider();
      const webhooks = await providerSettings().webhookUrls();
      const found: ProviderNumber[] = [];
      for (const ref of input.numbers) found.push(await provider.importNumber(ref));
      const e164s = found.map((f) => f.e164);
      const dupes = e164s.filter((e, i) => e164s.indexOf(e) !== i);
      if (dupes.length) throw new ValidationError(`${displayNumber(dupes[0])} is listed twice.`);
      const existing = (await knex()('phone_number').whereIn('e_164', e164s).select('e_164 as e164')) as Array<{ e164: string }>;
      if (existing.length) throw new ConflictError(`${displayNumber(existing[0].e164)} is already in the inventory.`);
      for (const number of found) await provider.installWebhooks(number, webhooks);
      return strapi.db.transaction(async () => {
        const ids: number[] = [];
        for (const number of found) {
          const created = await strapi.db.query(NUMBER_UID).create({
            data: { e164: number.e164, numberClass: input.numberClass, status: 'active', providerRef: number.providerRef, capabilities: number.capabilities, source: 'imported', addedAt: now(), assignmentCount: 0 },
          });
          ids.push(created.id);
        }
        await record(actor, found.length === 1 ? AUDIT_ACTIONS.import : AUDIT_ACTIONS.bulkImport, ids.length === 1 ? ids[0] : ids.join(','), { numbers: e164s, numberClass: input.numberClass });
        return { ids, numbers: e164s };
      });
    },
  };
};

export type PurchasingService = ReturnType<typeof purchasing>;
export default purchasing;
