import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { systemClock } from '@switchboard/config';
import { ValidationError } from '@switchboard/kit';
import type { UsageService } from '@switchboard/provider';
import {
  canAssignToSitter,
  canQuarantine,
  canReleaseToPool,
  cooldownDays as cooldownDaysFor,
  displayNumber,
  frontDeskCandidates,
  impactPreview,
  isLastFrontDesk,
  type Decision,
  type Health,
  type NumberClass,
  type NumberStatus,
} from '../domain/inventory';
import { inventoryCsv } from '../domain/csv';
import { matchesUsage, numberView, toInventory, type NumberRow, type NumberView, type Usage7d, type UsageFilter } from '../domain/number-view';
import { allNumbers, loadOne } from './number-rows';
import { getService } from '../get-service';

const DAY_MS = 24 * 60 * 60 * 1000;
/** OPS §3.1: health and volume look back 7 days; a number's page lists 30 days of delivery errors, at most 100. */
const USAGE_WINDOW_DAYS = 7;
const ERROR_LIST_DAYS = 30;
const ERROR_LIST_LIMIT = 100;

export interface NumberFilters {
  numberClass?: NumberClass[];
  status?: NumberStatus[];
  sitterUserId?: number;
  unassigned?: boolean;
  client?: string;
  health?: Health;
  usage?: UsageFilter;
  q?: string;
}

const digitsOf = (s: string) => s.replace(/[^\d+]/g, '');

/** Reading the inventory (OPS §3.1): the list with its filters, one number's page, previews, the CSV, the sitters. */
const inventory = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;
  const now = () => systemClock.now();
  const threads = () => getService(strapi, 'threads');
  const lifecycle = () => getService(strapi, 'lifecycle');
  const providerUsage = () => strapi.plugin('provider').service('usage') as UsageService;

  /** Delivery errors, volume and last use over the last 7 days, from the provider plugin. */
  async function usage7d(e164s: string[]): Promise<Map<string, Usage7d>> {
    const figures = await providerUsage().numberUsage(e164s, new Date(now().getTime() - USAGE_WINDOW_DAYS * DAY_MS));
    return new Map([...figures].map(([e164, u]) => [e164, { errors7d: u.errors, volume7d: u.volume, lastUsedAt: u.lastUsedAt }]));
  }

  async function views(rows: NumberRow[]): Promise<NumberView[]> {
    const e164s = rows.map((r) => r.e164);
    const [use, onNumber, sitters, settings] = await Promise.all([usage7d(e164s), threads().threadsOn(e164s), lifecycle().sitters(), getService(strapi, 'settings').get()]);
    const at = now();
    const thresholds = { warning: settings.healthWarningErrors, critical: settings.healthCriticalErrors };
    return rows.map((r) => numberView(r, r.sitter_user_id ? sitters.get(r.sitter_user_id)?.displayName ?? null : null, use.get(r.e164)!, onNumber.get(r.e164)?.length ?? 0, at, thresholds));
  }

  return {
    async list(filters: NumberFilters = {}): Promise<NumberView[]> {
      let q = knex()('phone_number').select('*', 'e_164 as e164');
      if (filters.numberClass?.length) q = q.whereIn('number_class', filters.numberClass);
      if (filters.status?.length) q = q.whereIn('status', filters.status);
      if (filters.sitterUserId) q = q.where('sitter_user_id', filters.sitterUserId);
      if (filters.unassigned) q = q.where('number_class', 'pool').whereNull('sitter_user_id');
      if (filters.q) q = q.where('e_164', 'like', `%${digitsOf(filters.q)}%`);
      if (filters.client) q = q.whereIn('e_164', await threads().numbersWithClient(filters.client));
      const rows = (await q.orderBy([{ column: 'number_class' }, { column: 'e_164' }])) as NumberRow[];
      let shown = await views(rows);
      if (filters.health) shown = shown.filter((v) => v.health === filters.health);
      if (filters.usage) {
        const at = now();
        shown = shown.filter((v) => matchesUsage(filters.usage!, v, at));
      }
      return shown;
    },

    async detail(id: number) {
      const row = await loadOne(knex(), id, false);
      const [[view], onNumber, sitters] = await Promise.all([views([row]), threads().threadsOn([row.e164]), lifecycle().sitters()]);
      const history = (await knex()('number_assignment').where('number_id', id).orderBy([{ column: 'started_at', order: 'desc' }, { column: 'id', order: 'desc' }])) as any[];
      const errors = await providerUsage().deliveryErrors(row.e164, new Date(now().getTime() - ERROR_LIST_DAYS * DAY_MS), ERROR_LIST_LIMIT);
      return {
        ...view,
        threads: onNumber.get(row.e164) ?? [],
        history: history.map((h) => ({
          kind: h.kind,
          sitter: h.sitter_user_id ? { userId: h.sitter_user_id, displayName: sitters.get(h.sitter_user_id)?.displayName ?? null } : null,
          startedAt: new Date(h.started_at).toISOString(),
          endedAt: h.ended_at ? new Date(h.ended_at).toISOString() : null,
          endedReason: h.ended_reason,
        })),
        deliveryErrors: errors.map((e) => ({ to: e.to, code: e.code, message: e.message, at: e.at.toISOString() })),
      };
    },

    /**
     * What a change would touch, before it is confirmed. Quarantining a Front Desk number also answers whether it
     * needs a replacement (the last active one does), the candidates, and — with `replacementId` — the preview of both changes.
     */
    async preview(id: number, action: 'quarantine' | 'release' | 'assign', options: { cooldownDays?: number; sitterUserId?: number; replacementId?: number }) {
      const row = await loadOne(knex(), id, false);
      const all = await allNumbers(knex());
      const number = toInventory(row);
      const onNumber = (await threads().threadsOn([row.e164])).get(row.e164) ?? [];
      let decision: Decision;
      let sitterName: string | undefined;
      const quarantining = action === 'quarantine';
      const replacing = quarantining && options.replacementId !== undefined ? all.find((n) => n.id === options.replacementId) : undefined;
      const frontDesk = {
        needsReplacement: quarantining && isLastFrontDesk(number, all),
        replacementCandidates: quarantining && number.numberClass === 'front_desk' ? frontDeskCandidates(all).map((n) => ({ id: n.id, e164: n.e164, display: displayNumber(n.e164) })) : [],
        replacement: replacing ? { id: replacing.id, e164: replacing.e164, display: displayNumber(replacing.e164) } : null,
      };
      if (quarantining) decision = canQuarantine(number, all, options.replacementId);
      else if (action === 'release') decision = canReleaseToPool(number);
      else {
        const sitters = await lifecycle().sitters();
        const sitter = options.sitterUserId ? sitters.get(options.sitterUserId) : undefined;
        if (!sitter) throw new ValidationError('Choose the sitter to assign this number to.');
        sitterName = sitter.displayName;
        decision = canAssignToSitter(number, sitter, all, row.sitter_user_id ? sitters.get(row.sitter_user_id)?.displayName ?? null : null);
      }
      const days = cooldownDaysFor(options.cooldownDays, (await getService(strapi, 'settings').get()).cooldownDays);
      const replacement = decision.ok && replacing ? replacing : undefined;
      return {
        ...impactPreview(action, number, onNumber, all, { cooldownDays: days.ok ? days.days : undefined, sitterName, replacement }),
        allowed: decision.ok,
        refusal: decision.ok ? null : decision.message,
        ...frontDesk,
      };
    },

    async exportCsv(): Promise<string> {
      const shown = await this.list();
      return inventoryCsv(
        shown.map((v) => ({
          e164: v.e164,
          numberClass: v.numberClass,
          status: v.status,
          assignedTo: v.assignedTo,
          health: v.health,
          lastUsedAt: v.lastUsedAt ? new Date(v.lastUsedAt) : null,
          volume7d: v.volume7d,
          addedAt: v.addedAt ? new Date(v.addedAt) : null,
          cooldownUntil: v.quarantine?.cooldownUntil ? new Date(v.quarantine.cooldownUntil) : null,
        })),
      );
    },

    /** Sitters with their active masked number, by name. */
    async sitterList() {
      const sitters = await lifecycle().sitters();
      const numbers = await allNumbers(knex());
      return [...sitters.values()]
        .map((s) => ({ userId: s.userId, displayName: s.displayName, active: s.active, number: numbers.find((n) => n.sitterUserId === s.userId && n.status === 'active')?.e164 ?? null }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
  };
};

export type InventoryService = ReturnType<typeof inventory>;
export default inventory;
