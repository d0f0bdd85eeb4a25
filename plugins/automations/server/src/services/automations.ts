import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import type { Action, Automation, AutomationStatus, Conditions, Lane, Scope, Trigger, TriggerType } from '../../../shared/contracts';
import { AUDIT_ACTIONS, AUTOMATION_TABLE, AUTOMATION_UID, SENTENCES } from '../constants';
import { checkDefinition, definitionHash, definitionSchema } from '../domain/definition';
import { editedPauseReason } from '../domain/limits';
import { actionText, conditionTexts, triggerText } from '../domain/words';
import type { ListQuery } from '../domain/inputs';
import { getService } from '../get-service';
import { lower } from './lower';
import type { ExecutionRow } from './executions';

export interface AutomationRow {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  lane: Lane;
  scope: Scope;
  status: AutomationStatus;
  version: number;
  trigger: Trigger;
  triggerType: TriggerType;
  conditions: Conditions;
  actions: Action[];
  definitionHash: string;
  pausedReason: string | null;
  consecutiveFailures: number;
  activatedAt: string | Date | null;
  lastExecutedAt: string | Date | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

export interface Staff {
  id: number;
  displayName: string;
}

/** A staff member's audit actor; null is the system (the demo seed). */
export const actorOf = (staff: Staff | null) => (staff ? staffActor(staff) : ({ kind: 'system' } as const));

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function automationView(row: AutomationRow, executions24h: number, latestTest: ExecutionRow | null): Automation {
  return {
    id: row.documentId,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    lane: row.lane,
    scope: row.scope,
    status: row.status,
    version: row.version,
    trigger: row.trigger,
    conditions: row.conditions,
    actions: row.actions,
    triggerText: triggerText(row.trigger),
    conditionTexts: conditionTexts(row.conditions, row.triggerType),
    actionTexts: row.actions.map(actionText),
    lastExecutedAt: iso(row.lastExecutedAt),
    executions24h,
    latestTest: latestTest
      ? { executionId: latestTest.documentId, version: latestTest.version, ok: latestTest.status === 'success', at: iso(latestTest.createdAt)!, current: latestTest.definitionHash === row.definitionHash }
      : null,
    pausedReason: row.pausedReason,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** A definition parsed and checked (OPS §3.6 sentences), or the 400 of its first problem with every problem in details. */
function checkedDefinition(input: unknown) {
  const parsed = parseInput(definitionSchema, input);
  const checked = checkDefinition(parsed);
  if (!checked.ok) throw new ValidationError(checked.problems[0].message, { errors: checked.problems });
  return checked.definition;
}

/**
 * Automation definitions (OPS §3.6): create and edit as drafts, activation only after a passing test of exactly the
 * current definition, pause, archive (never deleted). Every change is audited with the staff member who made it.
 */
const automations = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(AUTOMATION_UID as any);
  const audit = () => lower(strapi).audit();
  const executions = () => getService(strapi, 'executions');

  async function stored(id: string): Promise<AutomationRow> {
    const row = (await rows().findOne({ where: { documentId: id } })) as AutomationRow | null;
    if (!row) throw new NotFoundError(SENTENCES.notFound);
    return row;
  }

  async function view(row: AutomationRow): Promise<Automation> {
    const [counts, test] = await Promise.all([executions().counts24h([row.documentId], systemClock.now()), executions().latestTest(row.documentId)]);
    return automationView(row, counts.get(row.documentId) ?? 0, test);
  }

  const summary = (row: AutomationRow) => ({ name: row.name, status: row.status, version: row.version, trigger: row.trigger, scope: row.scope, conditions: row.conditions, actions: row.actions });

  async function setStatus(row: AutomationRow, status: AutomationStatus, staff: Staff | null, action: string, extra: Partial<AutomationRow> = {}): Promise<Automation> {
    const saved = await strapi.db.transaction(async () => {
      const updated = (await rows().update({ where: { id: row.id }, data: { status, ...extra } })) as AutomationRow;
      await audit().record({
        actor: actorOf(staff),
        action,
        entity: { type: 'automation', id: row.documentId },
        details: { name: row.name, version: row.version, from: row.status, to: status },
      });
      return updated;
    });
    return view(saved);
  }

  return {
    stored,
    view,

    async list(query: ListQuery): Promise<Automation[]> {
      const where = {
        ...(query.status ? { status: query.status } : { status: { $ne: 'archived' } }),
        ...(query.lane ? { lane: query.lane } : {}),
      };
      const found = (await rows().findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }] })) as AutomationRow[];
      const ids = found.map((r) => r.documentId);
      const counts = await executions().counts24h(ids, systemClock.now());
      const tests = await Promise.all(ids.map((id) => executions().latestTest(id)));
      return found.map((row, i) => automationView(row, counts.get(row.documentId) ?? 0, tests[i]));
    },

    async get(id: string): Promise<Automation> {
      return view(await stored(id));
    },

    /** POST /automations: saved as a draft, version 1. */
    async create(input: unknown, staff: Staff | null): Promise<Automation> {
      const def = checkedDefinition(input);
      const row = await strapi.db.transaction(async () => {
        const created = (await rows().create({
          data: {
            name: def.name,
            description: def.description ?? null,
            lane: def.lane,
            scope: def.scope,
            status: 'draft',
            version: 1,
            trigger: def.trigger,
            triggerType: def.trigger.type,
            conditions: def.conditions,
            actions: def.actions,
            definitionHash: definitionHash(def),
            consecutiveFailures: 0,
          },
        })) as AutomationRow;
        await audit().record({ actor: actorOf(staff), action: AUDIT_ACTIONS.create, entity: { type: 'automation', id: created.documentId }, details: summary(created) });
        return created;
      });
      return view(row);
    },

    /**
     * PUT /automations/:id (API.md): a changed definition raises `version`; an active automation pauses until the new
     * version is tested and activated. Name, description and lane alone change nothing a test saw.
     */
    async update(id: string, input: unknown, staff: Staff | null): Promise<Automation> {
      const row = await stored(id);
      if (row.status === 'archived') throw new ConflictError(SENTENCES.archived);
      const def = checkedDefinition(input);
      const hash = definitionHash(def);
      const changed = hash !== row.definitionHash;
      const version = changed ? row.version + 1 : row.version;
      const pauses = changed && row.status === 'active';
      const saved = await strapi.db.transaction(async () => {
        const updated = (await rows().update({
          where: { id: row.id },
          data: {
            name: def.name,
            description: def.description ?? null,
            lane: def.lane,
            scope: def.scope,
            trigger: def.trigger,
            triggerType: def.trigger.type,
            conditions: def.conditions,
            actions: def.actions,
            definitionHash: hash,
            version,
            ...(pauses ? { status: 'paused', pausedReason: editedPauseReason(version) } : {}),
          },
        })) as AutomationRow;
        await audit().record({
          actor: actorOf(staff),
          action: AUDIT_ACTIONS.update,
          entity: { type: 'automation', id: row.documentId },
          details: { before: summary(row), after: summary(updated), definitionChanged: changed, paused: pauses },
        });
        return updated;
      });
      return view(saved);
    },

    /** POST /automations/:id/activate: only after an `ok` test of exactly this definition (OPS §3.6 "Test Mode Required"). */
    async activate(id: string, staff: Staff | null): Promise<Automation> {
      const row = await stored(id);
      if (row.status === 'archived') throw new ConflictError(SENTENCES.archived);
      // The templates again: the catalogue may have changed since the definition was saved.
      const checked = checkDefinition({ name: row.name, lane: row.lane, scope: row.scope, trigger: row.trigger, conditions: row.conditions, actions: row.actions });
      if (!checked.ok) throw new ValidationError(checked.problems[0].message, { errors: checked.problems });
      const test = await executions().latestTest(row.documentId);
      if (!test || test.status !== 'success' || test.definitionHash !== row.definitionHash) throw new ConflictError(SENTENCES.testFirst, { latestTest: test ? { version: test.version, ok: test.status === 'success', current: test.definitionHash === row.definitionHash } : null });
      if (row.status === 'active') return view(row);
      return setStatus(row, 'active', staff, AUDIT_ACTIONS.activate, { activatedAt: systemClock.now(), consecutiveFailures: 0, pausedReason: null } as Partial<AutomationRow>);
    },

    /** POST /automations/:id/pause: it stops executing at once (a queued run finds it paused and is skipped). */
    async pause(id: string, staff: Staff | null): Promise<Automation> {
      const row = await stored(id);
      if (row.status === 'archived') throw new ConflictError(SENTENCES.archived);
      if (row.status !== 'active') return view(row);
      return setStatus(row, 'paused', staff, AUDIT_ACTIONS.pause, { pausedReason: null } as Partial<AutomationRow>);
    },

    /** DELETE /automations/:id: archived, never deleted (OPS §3.6 "Automations cannot be deleted (archived only)"). */
    async archive(id: string, staff: Staff | null): Promise<Automation> {
      const row = await stored(id);
      if (row.status === 'archived') throw new ConflictError(SENTENCES.alreadyArchived);
      return setStatus(row, 'archived', staff, AUDIT_ACTIONS.archive);
    },

    /** The active automations a trigger sets off. */
    async activeFor(type: TriggerType): Promise<AutomationRow[]> {
      return (await rows().findMany({ where: { status: 'active', triggerType: type } })) as AutomationRow[];
    },

    /** After a run: a success clears the failure count; a failure adds one and answers the new count. */
    async recordOutcome(row: AutomationRow, ok: boolean, at: Date): Promise<number> {
      if (ok) {
        await rows().update({ where: { id: row.id }, data: { consecutiveFailures: 0, lastExecutedAt: at } });
        return 0;
      }
      const [updated] = await strapi.db
        .connection(AUTOMATION_TABLE)
        .where({ id: row.id })
        .update({ consecutive_failures: strapi.db.connection.raw('consecutive_failures + 1'), last_executed_at: at, updated_at: at })
        .returning('consecutive_failures');
      return Number(updated?.consecutive_failures ?? updated ?? 0);
    },

    /** The circuit breaker tripped: paused by the system, audited as the automation's own act. Answers whether it paused it now. */
    async selfPause(row: AutomationRow, reason: string): Promise<boolean> {
      return strapi.db.transaction(async ({ trx }) => {
        const paused = await trx(AUTOMATION_TABLE).where({ id: row.id, status: 'active' }).update({ status: 'paused', paused_reason: reason, updated_at: systemClock.now() });
        if (!paused) return false;
        await audit().record({ actor: { kind: 'automation', id: row.documentId, displayName: row.name }, action: AUDIT_ACTIONS.selfPause, entity: { type: 'automation', id: row.documentId }, details: { name: row.name, version: row.version, reason } });
        return true;
      });
    },
  };
};

export type AutomationsService = ReturnType<typeof automations>;
export default automations;
