import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import type { ProviderNumber, ProviderSettingsService } from '@switchboard/provider';
import type { SittersService } from '@switchboard/people';
import { systemClock } from '@switchboard/config';
import {
  assignedToLabel,
  canAssignToSitter,
  canQuarantine,
  canReleaseFromQuarantine,
  canReleaseToPool,
  cooldownDays as cooldownDaysFor,
  cooldownEnd,
  daysRemaining,
  displayNumber,
  healthOf,
  offeredActions,
  impactPreview,
  inventoryCsv,
  planReassignment,
  selectNumberForSitter,
  selectPoolNumber,
  QUARANTINE_REASON_LABEL,
  DEFAULT_COOLDOWN_DAYS,
  type Decision,
  type Health,
  type InventoryNumber,
  type NumberClass,
  type NumberStatus,
  type QuarantineReason,
  type Reassignment,
  type ThreadUsingNumber,
} from '../domain/inventory';

export const NUMBER_UID = 'plugin::numbers.number';
export const ASSIGNMENT_UID = 'plugin::numbers.number-assignment';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Actor {
  id: number;
  displayName: string;
}

/** A refusal the controller answers with its status and sentence; nothing was changed. */
export class InventoryRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 502,
    message: string,
  ) {
    super(message);
  }
}

const check = (decision: Decision) => {
  if (!decision.ok) throw new InventoryRefusal(decision.status, decision.message);
};

interface NumberRow {
  id: number;
  e164: string;
  number_class: NumberClass;
  status: NumberStatus;
  provider_ref: string | null;
  capabilities: unknown;
  monthly_cost: unknown;
  source: string;
  added_at: Date | null;
  sitter_user_id: number | null;
  first_assigned_at: Date | null;
  last_assigned_at: Date | null;
  assignment_count: number | null;
  quarantined_at: Date | null;
  quarantine_reason: string | null;
  quarantine_note: string | null;
  cooldown_until: Date | null;
  last_used_at: Date | null;
}

const asDate = (v: unknown): Date | null => (v ? new Date(v as string) : null);
const asJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);

const toInventory = (r: NumberRow): InventoryNumber => ({
  id: r.id,
  e164: r.e164,
  numberClass: r.number_class,
  status: r.status,
  sitterUserId: r.sitter_user_id ?? null,
  cooldownUntil: asDate(r.cooldown_until),
  lastUsedAt: asDate(r.last_used_at),
});

export interface NumberFilters {
  numberClass?: NumberClass[];
  status?: NumberStatus[];
  sitterUserId?: number;
  unassigned?: boolean;
  client?: string;
  health?: Health;
  usage?: '24h' | '7d' | '30d' | 'never' | 'high';
  q?: string;
}

/** The number inventory (OPS §3.1): every change locks the rows it touches, writes its audit event, and commits once. */
const inventory = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const providerSettings = () => strapi.plugin('provider').service('settings') as ProviderSettingsService;
  const now = () => systemClock.now();

  const people = () => strapi.plugin('people').service('sitters') as SittersService;
  const sitters = () => people().byUserId();

  async function threadsUsing(trx: Knex | Knex.Transaction, e164s: string[]): Promise<Map<string, ThreadUsingNumber[]>> {
    const out = new Map<string, ThreadUsingNumber[]>(e164s.map((e) => [e, []]));
    if (e164s.length === 0) return out;
    const rows = await trx('conversation').where('kind', 'client').whereIn('business_number', e164s).orderBy('id').select('id', 'business_number', 'client_phone');
    for (const r of rows) out.get(r.business_number)?.push({ conversationId: String(r.id), clientLabel: r.client_phone });
    return out;
  }

  /** Delivery errors, volume and last use over the provider's records (never stored by hand). */
  async function usage(e164s: string[]) {
    const since7 = new Date(now().getTime() - 7 * DAY_MS);
    const out = new Map<string, { errors7d: number; volume7d: number; lastUsedAt: Date | null }>(e164s.map((e) => [e, { errors7d: 0, volume7d: 0, lastUsedAt: null }]));
    if (e164s.length === 0) return out;
    const outbound = await knex()('outbound_message')
      .whereIn('from_number', e164s)
      .groupBy('from_number')
      .select('from_number as e164')
      .select(knex().raw("count(*) filter (where status in ('failed','undelivered') and updated_at >= ?) as errors", [since7]))
      .select(knex().raw('count(*) filter (where created_at >= ?) as volume', [since7]))
      .select(knex().raw('max(created_at) as last'));
    const inbound = await knex()('inbound_receipt')
      .whereIn('to_number', e164s)
      .groupBy('to_number')
      .select('to_number as e164')
      .select(knex().raw('count(*) filter (where created_at >= ?) as volume', [since7]))
      .select(knex().raw('max(created_at) as last'));
    for (const r of outbound) {
      const u = out.get(r.e164)!;
      u.errors7d += Number(r.errors);
      u.volume7d += Number(r.volume);
      u.lastUsedAt = asDate(r.last);
    }
    for (const r of inbound) {
      const u = out.get(r.e164)!;
      u.volume7d += Number(r.volume);
      const last = asDate(r.last);
      if (last && (!u.lastUsedAt || last > u.lastUsedAt)) u.lastUsedAt = last;
    }
    return out;
  }

  function view(r: NumberRow, sitterNames: Map<number, { displayName: string }>, use: { errors7d: number; volume7d: number; lastUsedAt: Date | null }, threadCount: number) {
    const n = toInventory(r);
    const stored = asDate(r.last_used_at);
    const lastUsedAt = [stored, use.lastUsedAt].filter(Boolean).sort((a, b) => b!.getTime() - a!.getTime())[0] ?? null;
    const sitterName = r.sitter_user_id ? sitterNames.get(r.sitter_user_id)?.displayName ?? null : null;
    return {
      id: r.id,
      e164: r.e164,
      display: displayNumber(r.e164),
      numberClass: r.number_class,
      status: r.status,
      assignedTo: assignedToLabel(n, sitterName),
      sitter: r.sitter_user_id ? { userId: r.sitter_user_id, displayName: sitterName } : null,
      actions: offeredActions(n),
      health: healthOf(use.errors7d),
      deliveryErrors7d: use.errors7d,
      volume7d: use.volume7d,
      lastUsedAt: lastUsedAt ? lastUsedAt.toISOString() : null,
      threadCount,
      capabilities: asJson(r.capabilities),
      monthlyCost: asJson(r.monthly_cost),
      providerRef: r.provider_ref,
      source: r.source,
      addedAt: r.added_at ? new Date(r.added_at).toISOString() : null,
      firstAssignedAt: r.first_assigned_at ? new Date(r.first_assigned_at).toISOString() : null,
      lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at).toISOString() : null,
      assignmentCount: r.assignment_count ?? 0,
      quarantine:
        r.status === 'quarantined'
          ? {
              reason: r.quarantine_reason,
              reasonLabel: QUARANTINE_REASON_LABEL[r.quarantine_reason as QuarantineReason] ?? r.quarantine_reason,
              note: r.quarantine_note,
              since: r.quarantined_at ? new Date(r.quarantined_at).toISOString() : null,
              cooldownUntil: r.cooldown_until ? new Date(r.cooldown_until).toISOString() : null,
              daysRemaining: daysRemaining(asDate(r.cooldown_until), now()),
            }
          : null,
    };
  }
  type NumberView = ReturnType<typeof view>;

  async function rowsFor(trx: Knex | Knex.Transaction, ids: number[], lock: boolean): Promise<NumberRow[]> {
    let q = trx('phone_number').whereIn('id', ids).orderBy('id');
    if (lock) q = q.forUpdate();
    return q.select('*', 'e_164 as e164');
  }

  async function allNumbers(trx: Knex | Knex.Transaction): Promise<InventoryNumber[]> {
    return ((await trx('phone_number').select('*', 'e_164 as e164').orderBy('id')) as NumberRow[]).map(toInventory);
  }

  async function loadOne(trx: Knex | Knex.Transaction, id: number, lock: boolean): Promise<NumberRow> {
    const [row] = await rowsFor(trx, [id], lock);
    if (!row) throw new InventoryRefusal(404, 'That number is not in the inventory.');
    return row;
  }

  /** Moves threads off a number that leaves service; returns what moved. */
  async function reassignThreads(trx: Knex.Transaction, number: InventoryNumber, all: InventoryNumber[]): Promise<Reassignment[]> {
    const threads = (await threadsUsing(trx, [number.e164])).get(number.e164) ?? [];
    const plan = planReassignment(number, threads, all);
    for (const move of plan) await trx('conversation').where('id', move.conversationId).update({ business_number: move.to });
    if (plan.length && number.numberClass === 'pool') await trx('phone_number').where('e_164', plan[0].to).update({ last_used_at: now() });
    return plan;
  }

  async function endAssignment(trx: Knex.Transaction, numberId: number, reason: string) {
    await trx('number_assignment').where({ number_id: numberId, kind: 'sitter' }).whereNull('ended_at').update({ ended_at: now(), ended_reason: reason });
  }

  async function record(actor: Actor, action: string, entityId: number | string, details: Record<string, unknown>) {
    await audit().record({ actor: staffActor(actor), action, entity: { type: 'number', id: entityId }, details });
  }

  async function quarantineInside(trx: Knex.Transaction, row: NumberRow, all: InventoryNumber[], input: { reason: QuarantineReason; note?: string; cooldownDays: number }, actor: Actor) {
    const number = toInventory(row);
    check(canQuarantine(number, all));
    const at = now();
    const until = cooldownEnd(at, input.cooldownDays);
    const reassignments = await reassignThreads(trx, number, all);
    if (row.sitter_user_id) await endAssignment(trx, row.id, 'quarantined');
    await strapi.db.query(NUMBER_UID).update({
      where: { id: row.id },
      data: { status: 'quarantined', quarantinedAt: at, quarantineReason: input.reason, quarantineNote: input.note ?? null, cooldownUntil: until, sitterUserId: null },
    });
    await strapi.db.query(ASSIGNMENT_UID).create({ data: { numberId: row.id, kind: 'quarantine', sitterUserId: row.sitter_user_id, startedAt: at, actorName: actor.displayName } });
    return { e164: row.e164, cooldownUntil: until.toISOString(), reassignments, previousSitterUserId: row.sitter_user_id };
  }

  async function releaseInside(trx: Knex.Transaction, row: NumberRow, all: InventoryNumber[]) {
    const number = toInventory(row);
    check(canReleaseToPool(number));
    const reassignments = await reassignThreads(trx, number, all);
    await endAssignment(trx, row.id, 'released to pool');
    await strapi.db.query(NUMBER_UID).update({ where: { id: row.id }, data: { numberClass: 'pool', sitterUserId: null } });
    return { e164: row.e164, reassignments, previousSitterUserId: row.sitter_user_id };
  }

  async function assignInside(row: NumberRow, sitter: { userId: number; displayName: string; active: boolean }, all: InventoryNumber[], sitterNames: Map<number, { displayName: string }>) {
    check(canAssignToSitter(toInventory(row), sitter, all, row.sitter_user_id ? sitterNames.get(row.sitter_user_id)?.displayName ?? null : null));
    const at = now();
    await strapi.db.query(NUMBER_UID).update({
      where: { id: row.id },
      data: { numberClass: 'sitter', sitterUserId: sitter.userId, firstAssignedAt: row.first_assigned_at ?? at, lastAssignedAt: at, assignmentCount: (row.assignment_count ?? 0) + 1 },
    });
    await strapi.db.query(ASSIGNMENT_UID).create({ data: { numberId: row.id, kind: 'sitter', sitterUserId: sitter.userId, startedAt: at } });
    return { e164: row.e164, sitterUserId: sitter.userId, sitter: sitter.displayName };
  }

  async function sitterFor(userId: number) {
    const sitter = (await sitters()).get(userId);
    if (!sitter) throw new InventoryRefusal(404, 'That sitter does not exist.');
    return sitter;
  }

  return {
    async list(filters: NumberFilters = {}): Promise<NumberView[]> {
      let q = knex()('phone_number').select('*', 'e_164 as e164');
      if (filters.numberClass?.length) q = q.whereIn('number_class', filters.numberClass);
      if (filters.status?.length) q = q.whereIn('status', filters.status);
      if (filters.sitterUserId) q = q.where('sitter_user_id', filters.sitterUserId);
      if (filters.unassigned) q = q.where('number_class', 'pool').whereNull('sitter_user_id');
      if (filters.q) q = q.where('e_164', 'like', `%${filters.q.replace(/[^\d+]/g, '')}%`);
      if (filters.client) {
        const clientNumbers = knex()('conversation').where('kind', 'client').where('client_phone', 'like', `%${filters.client.replace(/[^\d+]/g, '')}%`).select('business_number');
        q = q.whereIn('e_164', clientNumbers);
      }
      const rows = (await q.orderBy([{ column: 'number_class' }, { column: 'e_164' }])) as NumberRow[];
      const e164s = rows.map((r) => r.e164);
      const [use, threads, names] = await Promise.all([usage(e164s), threadsUsing(knex(), e164s), sitters()]);
      let views = rows.map((r) => view(r, names, use.get(r.e164)!, threads.get(r.e164)?.length ?? 0));
      if (filters.health) views = views.filter((v) => v.health === filters.health);
      if (filters.usage) {
        const t = now().getTime();
        const within = (ms: number) => (v: NumberView) => v.lastUsedAt !== null && t - Date.parse(v.lastUsedAt) <= ms;
        const pick = {
          '24h': within(DAY_MS),
          '7d': within(7 * DAY_MS),
          '30d': within(30 * DAY_MS),
          never: (v: NumberView) => v.lastUsedAt === null,
          high: (v: NumberView) => v.volume7d > 100,
        }[filters.usage];
        views = views.filter(pick);
      }
      return views;
    },

    async detail(id: number) {
      const row = await loadOne(knex(), id, false);
      const [use, threads, names] = await Promise.all([usage([row.e164]), threadsUsing(knex(), [row.e164]), sitters()]);
      const history = (await knex()('number_assignment').where('number_id', id).orderBy([{ column: 'started_at', order: 'desc' }, { column: 'id', order: 'desc' }])) as any[];
      const since30 = new Date(now().getTime() - 30 * DAY_MS);
      const errors = await knex()('outbound_message')
        .where('from_number', row.e164)
        .whereIn('status', ['failed', 'undelivered'])
        .where('updated_at', '>=', since30)
        .orderBy('updated_at', 'desc')
        .limit(100)
        .select('to_number', 'error_code', 'error_message', 'updated_at');
      return {
        ...view(row, names, use.get(row.e164)!, threads.get(row.e164)?.length ?? 0),
        threads: threads.get(row.e164) ?? [],
        history: history.map((h) => ({
          kind: h.kind,
          sitter: h.sitter_user_id ? { userId: h.sitter_user_id, displayName: names.get(h.sitter_user_id)?.displayName ?? null } : null,
          startedAt: new Date(h.started_at).toISOString(),
          endedAt: h.ended_at ? new Date(h.ended_at).toISOString() : null,
          endedReason: h.ended_reason,
        })),
        deliveryErrors: errors.map((e) => ({ to: e.to_number, code: e.error_code, message: e.error_message, at: new Date(e.updated_at).toISOString() })),
      };
    },

    /** What a change would touch, before it is confirmed. */
    async preview(id: number, action: 'quarantine' | 'release' | 'assign', options: { cooldownDays?: number; sitterUserId?: number }) {
      const row = await loadOne(knex(), id, false);
      const all = await allNumbers(knex());
      const number = toInventory(row);
      const threads = (await threadsUsing(knex(), [row.e164])).get(row.e164) ?? [];
      let decision: Decision;
      let sitterName: string | undefined;
      if (action === 'quarantine') decision = canQuarantine(number, all);
      else if (action === 'release') decision = canReleaseToPool(number);
      else {
        const names = await sitters();
        const sitter = options.sitterUserId ? names.get(options.sitterUserId) : undefined;
        if (!sitter) throw new InventoryRefusal(400, 'Choose the sitter to assign this number to.');
        sitterName = sitter.displayName;
        decision = canAssignToSitter(number, sitter, all, row.sitter_user_id ? names.get(row.sitter_user_id)?.displayName ?? null : null);
      }
      const days = cooldownDaysFor(options.cooldownDays);
      return {
        ...impactPreview(action, number, threads, all, { cooldownDays: days.ok ? days.days : undefined, sitterName }),
        allowed: decision.ok,
        refusal: decision.ok ? null : decision.message,
      };
    },

    /** Numbers the provider offers in an area code, with their monthly cost, before anything is bought. */
    async searchAvailable(areaCode: string) {
      const provider = await providerSettings().provider();
      const existing = new Set(((await knex()('phone_number').select('e_164 as e164')) as Array<{ e164: string }>).map((r) => r.e164));
      return (await provider.searchAvailableNumbers({ areaCode, limit: 20 })).filter((n) => !existing.has(n.e164));
    },

    async buy(input: { e164: string; numberClass: NumberClass }, actor: Actor) {
      if (await knex()('phone_number').where('e_164', input.e164).first('id')) throw new InventoryRefusal(409, `${displayNumber(input.e164)} is already in the inventory.`);
      const provider = await providerSettings().provider();
      const available = await provider.searchAvailableNumbers({ areaCode: input.e164.slice(2, 5), limit: 100 });
      const offer = available.find((n) => n.e164 === input.e164);
      const bought = await provider.buyNumber(input.e164, await providerSettings().webhookUrls());
      return strapi.db.transaction(async () => {
        const created = await strapi.db.query(NUMBER_UID).create({
          data: { e164: bought.e164, numberClass: input.numberClass, status: 'active', providerRef: bought.providerRef, capabilities: bought.capabilities, monthlyCost: offer?.monthlyCost ?? null, source: 'purchased', addedAt: now(), assignmentCount: 0 },
        });
        await record(actor, 'number.buy', created.id, { e164: bought.e164, numberClass: input.numberClass, monthlyCost: offer?.monthlyCost ?? null, provider: provider.kind });
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
      if (dupes.length) throw new InventoryRefusal(400, `${displayNumber(dupes[0])} is listed twice.`);
      const existing = (await knex()('phone_number').whereIn('e_164', e164s).select('e_164 as e164')) as Array<{ e164: string }>;
      if (existing.length) throw new InventoryRefusal(409, `${displayNumber(existing[0].e164)} is already in the inventory.`);
      for (const number of found) await provider.installWebhooks(number, webhooks);
      return strapi.db.transaction(async () => {
        const ids: number[] = [];
        for (const number of found) {
          const created = await strapi.db.query(NUMBER_UID).create({
            data: { e164: number.e164, numberClass: input.numberClass, status: 'active', providerRef: number.providerRef, capabilities: number.capabilities, source: 'imported', addedAt: now(), assignmentCount: 0 },
          });
          ids.push(created.id);
        }
        await record(actor, found.length === 1 ? 'number.import' : 'number.bulk_import', ids.length === 1 ? ids[0] : ids.join(','), { numbers: e164s, numberClass: input.numberClass });
        return { ids, numbers: e164s };
      });
    },

    async assign(id: number, sitterUserId: number, actor: Actor) {
      const sitter = await sitterFor(sitterUserId);
      return strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        const result = await assignInside(row, sitter, await allNumbers(trx), await sitters());
        await record(actor, 'number.assign', id, result);
        return { ...result, message: `${displayNumber(row.e164)} assigned to ${sitter.displayName}.` };
      });
    },

    async release(id: number, actor: Actor) {
      return strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        const result = await releaseInside(trx, row, await allNumbers(trx));
        await record(actor, 'number.release', id, result);
        const n = result.reassignments.length;
        return { ...result, message: `${displayNumber(row.e164)} released to pool. ${n} ${n === 1 ? 'thread' : 'threads'} reassigned.` };
      });
    },

    async quarantine(id: number, input: { reason: QuarantineReason; note?: string; cooldownDays?: number }, actor: Actor) {
      const days = cooldownDaysFor(input.cooldownDays);
      if (!days.ok) throw new InventoryRefusal(400, days.message);
      return strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').where('number_class', 'front_desk').forUpdate().select('id');
        const row = await loadOne(trx, id, true);
        const result = await quarantineInside(trx, row, await allNumbers(trx), { ...input, cooldownDays: days.days }, actor);
        await record(actor, 'number.quarantine', id, { ...result, reason: input.reason, note: input.note ?? null, cooldownDays: days.days });
        const n = result.reassignments.length;
        return { ...result, message: `Number ${displayNumber(row.e164)} quarantined. ${n} ${n === 1 ? 'thread' : 'threads'} reassigned. Available in ${days.days} days.` };
      });
    },

    async releaseFromQuarantine(id: number, actor: Actor) {
      return strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        check(canReleaseFromQuarantine(toInventory(row), now()));
        await trx('number_assignment').where({ number_id: id, kind: 'quarantine' }).whereNull('ended_at').update({ ended_at: now(), ended_reason: 'cooldown complete' });
        await strapi.db.query(NUMBER_UID).update({ where: { id }, data: { status: 'active', numberClass: 'pool', sitterUserId: null, cooldownUntil: null, quarantinedAt: null, quarantineReason: null, quarantineNote: null } });
        await record(actor, 'number.release_quarantine', id, { e164: row.e164 });
        return { e164: row.e164, message: `Number ${displayNumber(row.e164)} released from quarantine. Available for pool assignment.` };
      });
    },

    /**
     * One operation over many numbers (OPS §3.1 "Bulk Operations"): every guardrail is checked, then everything
     * changes in one transaction with one audit event — or, on the first refusal, nothing changes.
     */
    async bulk(
      input:
        | { action: 'quarantine'; ids: number[]; reason: QuarantineReason; note?: string; cooldownDays?: number }
        | { action: 'release'; ids: number[] }
        | { action: 'assign'; assignments: Array<{ numberId: number; sitterUserId: number }> },
      actor: Actor,
    ) {
      const days = input.action === 'quarantine' ? cooldownDaysFor(input.cooldownDays) : ({ ok: true, days: 0 } as const);
      if (!days.ok) throw new InventoryRefusal(400, days.message);
      const names = await sitters();
      return strapi.db.transaction(async ({ trx }) => {
        const ids = input.action === 'assign' ? input.assignments.map((a) => a.numberId) : input.ids;
        if (new Set(ids).size !== ids.length) throw new InventoryRefusal(400, 'A number is listed twice.');
        if (input.action === 'quarantine') await trx('phone_number').where('number_class', 'front_desk').forUpdate().select('id');
        const rows = await rowsFor(trx, ids, true);
        if (rows.length !== ids.length) throw new InventoryRefusal(404, 'One of those numbers is not in the inventory.');
        const results: unknown[] = [];
        // The inventory is read once; after each change only the rows it touched are read again.
        let all = await allNumbers(trx);
        const refresh = async (e164s: string[]) => {
          const fresh = ((await trx('phone_number').whereIn('e_164', e164s).select('*', 'e_164 as e164')) as NumberRow[]).map(toInventory);
          all = all.map((n) => fresh.find((f) => f.id === n.id) ?? n);
        };
        for (const id of ids) {
          const [row] = await rowsFor(trx, [id], false);
          try {
            let result: { e164: string; reassignments?: Reassignment[] };
            if (input.action === 'quarantine') result = await quarantineInside(trx, row, all, { reason: input.reason, note: input.note, cooldownDays: days.days }, actor);
            else if (input.action === 'release') result = await releaseInside(trx, row, all);
            else {
              const sitterUserId = input.assignments.find((a) => a.numberId === id)!.sitterUserId;
              const sitter = names.get(sitterUserId);
              if (!sitter) throw new InventoryRefusal(404, 'That sitter does not exist.');
              result = await assignInside(row, sitter, all, names);
            }
            results.push(result);
            await refresh([row.e164, ...(result.reassignments ?? []).map((r) => r.to)]);
          } catch (error) {
            if (error instanceof InventoryRefusal) throw new InventoryRefusal(error.status, `Nothing was changed. ${displayNumber(row.e164)}: ${error.message}`);
            throw error;
          }
        }
        await record(actor, `number.bulk_${input.action}`, ids.join(','), {
          count: ids.length,
          numbers: rows.map((r) => r.e164),
          ...(input.action === 'quarantine' ? { reason: input.reason, note: input.note ?? null, cooldownDays: days.days } : {}),
          results,
        });
        const verb = { quarantine: 'quarantined', release: 'released to pool', assign: 'assigned' }[input.action];
        return { count: ids.length, results, message: `${ids.length} ${ids.length === 1 ? 'number' : 'numbers'} ${verb}.` };
      });
    },

    async exportCsv(): Promise<string> {
      const views = await this.list();
      return inventoryCsv(
        views.map((v) => ({
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

    /** A pool number for a one-time booking's thread (OPS §4.4), least recently used first; marks it used. */
    async takePoolNumber(): Promise<string> {
      return strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').where({ number_class: 'pool', status: 'active' }).forUpdate().select('id');
        const pick = selectPoolNumber(await allNumbers(trx));
        if (!pick) throw new InventoryRefusal(409, 'No pool numbers available. Purchase number first?');
        await trx('phone_number').where('id', pick.id).update({ last_used_at: now() });
        return pick.e164;
      });
    },

    /** OPS §4.1: activating a sitter assigns them a masked number. */
    async activateSitter(userId: number, actor: Actor) {
      const sitter = await sitterFor(userId);
      return strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').whereIn('number_class', ['sitter', 'pool']).forUpdate().select('id');
        const all = await allNumbers(trx);
        const existing = all.find((n) => n.sitterUserId === userId && n.status === 'active');
        if (existing && sitter.active) throw new InventoryRefusal(409, `${sitter.displayName} is already active with the masked number ${displayNumber(existing.e164)}.`);
        await people().setActive(userId, true);
        let e164 = existing?.e164;
        if (!existing) {
          const pick = selectNumberForSitter(all);
          if (!pick) throw new InventoryRefusal(409, 'No sitter numbers available. Purchase number first?');
          const row = await loadOne(trx, pick.id, true);
          await assignInside(row, { ...sitter, active: true }, all, await sitters());
          e164 = pick.e164;
        }
        await record(actor, 'sitter.activate', userId, { sitter: sitter.displayName, e164 });
        return { e164, message: `Sitter ${sitter.displayName} activated. Masked number ${e164} assigned.` };
      });
    },

    /** OPS §4.2: deactivating a sitter quarantines their number and moves their threads to the owner inbox. */
    async deactivateSitter(userId: number, actor: Actor) {
      const sitter = await sitterFor(userId);
      if (!sitter.active) throw new InventoryRefusal(409, `${sitter.displayName} is already inactive.`);
      return strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').where('number_class', 'front_desk').forUpdate().select('id');
        const all = await allNumbers(trx);
        const number = all.find((n) => n.sitterUserId === userId && n.status === 'active');
        await people().setActive(userId, false);
        let quarantined: Awaited<ReturnType<typeof quarantineInside>> | null = null;
        if (number) {
          const row = await loadOne(trx, number.id, true);
          quarantined = await quarantineInside(trx, row, all, { reason: 'other', note: `${sitter.displayName} was deactivated.`, cooldownDays: DEFAULT_COOLDOWN_DAYS }, actor);
        }
        const moved = quarantined?.reassignments.length ?? 0;
        await record(actor, 'sitter.deactivate', userId, { sitter: sitter.displayName, e164: number?.e164 ?? null, reassignments: quarantined?.reassignments ?? [] });
        return {
          e164: number?.e164 ?? null,
          reassignments: quarantined?.reassignments ?? [],
          message: number
            ? `Sitter ${sitter.displayName} deactivated. Number ${number.e164} quarantined. ${moved} ${moved === 1 ? 'thread' : 'threads'} reassigned.`
            : `Sitter ${sitter.displayName} deactivated. They had no masked number.`,
        };
      });
    },

    async sitterList() {
      const names = await sitters();
      const numbers = await allNumbers(knex());
      return [...names.values()]
        .map((s) => ({ userId: s.userId, displayName: s.displayName, active: s.active, number: numbers.find((n) => n.sitterUserId === s.userId && n.status === 'active')?.e164 ?? null }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
  };
};

export type InventoryService = ReturnType<typeof inventory>;
export default inventory;
