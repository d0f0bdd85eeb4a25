import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError } from '@switchboard/kit';
import type { Sitter, SittersService } from '@switchboard/people';
import {
  canAssignToSitter,
  canQuarantine,
  canReleaseToPool,
  canReplaceFrontDesk,
  cooldownEnd,
  planReassignment,
  type Decision,
  type InventoryNumber,
  type QuarantineReason,
  type Reassignment,
} from '../domain/inventory';
import { toInventory, type NumberRow } from '../domain/number-view';
import { ASSIGNMENT_UID, NUMBER_UID } from '../constants';
import { getService } from '../get-service';

export interface Actor {
  id: number;
  displayName: string;
}

/** A rule's refusal as the error Strapi answers with its status (400 or 409) and sentence; nothing was changed. */
export const refusalOf = (status: 400 | 409, message: string) => (status === 400 ? new ValidationError(message) : new ConflictError(message));

export const check = (decision: Decision) => {
  if (!decision.ok) throw refusalOf(decision.status, decision.message);
};

/**
 * The steps every change is made of, each inside the caller's transaction: move a number's threads, end an
 * assignment, quarantine, release, assign, audit. The services that change numbers compose them.
 */
const lifecycle = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const now = () => systemClock.now();

  /** Moves threads off a number that leaves service (through messaging's port, in this transaction); returns what moved. */
  async function reassignThreads(trx: Knex.Transaction, number: InventoryNumber, all: InventoryNumber[], replacement?: InventoryNumber): Promise<Reassignment[]> {
    const threads = (await getService(strapi, 'threads').threadsOn([number.e164])).get(number.e164) ?? [];
    const plan = planReassignment(number, threads, all, replacement);
    await getService(strapi, 'threads').moveThreads(plan);
    if (plan.length && number.numberClass === 'pool') await trx('phone_number').where('e_164', plan[0].to).update({ last_used_at: now() });
    return plan;
  }

  async function endAssignment(trx: Knex.Transaction, numberId: number, kind: 'sitter' | 'quarantine', reason: string) {
    await trx('number_assignment').where({ number_id: numberId, kind }).whereNull('ended_at').update({ ended_at: now(), ended_reason: reason });
  }

  const people = () => strapi.plugin('people').service('sitters') as SittersService;

  return {
    endAssignment,

    /** Every sitter, by user id (people plugin). */
    sitters: () => people().byUserId(),

    async sitterFor(userId: number): Promise<Sitter> {
      const sitter = (await people().byUserId()).get(userId);
      if (!sitter) throw new NotFoundError('That sitter does not exist.');
      return sitter;
    },

    /** The sitter activation state (people plugin), in the caller's transaction. */
    setSitterActive: (userId: number, active: boolean) => people().setActive(userId, active),

    async record(actor: Actor, action: string, entityId: number | string, details: Record<string, unknown>) {
      await audit().record({ actor: staffActor(actor), action, entity: { type: 'number', id: entityId }, details });
    },

    /** Makes an active pool number the Front Desk number (the replacement of a Front Desk number being quarantined). */
    async promoteToFrontDesk(leaving: NumberRow, replacementRow: NumberRow | undefined): Promise<InventoryNumber> {
      const replacement = replacementRow ? toInventory(replacementRow) : null;
      check(canReplaceFrontDesk(toInventory(leaving), replacement));
      await strapi.db.query(NUMBER_UID).update({ where: { id: replacement!.id }, data: { numberClass: 'front_desk' } });
      return { ...replacement!, numberClass: 'front_desk' };
    },

    /** `all` is the inventory as it stands in this transaction (a promoted replacement already Front Desk); its threads go to `replacement` when named. */
    async quarantine(
      trx: Knex.Transaction,
      row: NumberRow,
      all: InventoryNumber[],
      input: { reason: QuarantineReason; note?: string; cooldownDays: number },
      actor: Actor,
      replacement?: InventoryNumber,
    ) {
      const number = toInventory(row);
      check(canQuarantine(number, all));
      const at = now();
      const until = cooldownEnd(at, input.cooldownDays);
      const reassignments = await reassignThreads(trx, number, all, replacement);
      if (row.sitter_user_id) await endAssignment(trx, row.id, 'sitter', 'quarantined');
      await strapi.db.query(NUMBER_UID).update({
        where: { id: row.id },
        data: { status: 'quarantined', quarantinedAt: at, quarantineReason: input.reason, quarantineNote: input.note ?? null, cooldownUntil: until, sitterUserId: null },
      });
      await strapi.db.query(ASSIGNMENT_UID).create({ data: { numberId: row.id, kind: 'quarantine', sitterUserId: row.sitter_user_id, startedAt: at, actorName: actor.displayName } });
      return { e164: row.e164, cooldownUntil: until.toISOString(), reassignments, previousSitterUserId: row.sitter_user_id };
    },

    async release(trx: Knex.Transaction, row: NumberRow, all: InventoryNumber[]) {
      const number = toInventory(row);
      check(canReleaseToPool(number));
      const reassignments = await reassignThreads(trx, number, all);
      await endAssignment(trx, row.id, 'sitter', 'released to pool');
      await strapi.db.query(NUMBER_UID).update({ where: { id: row.id }, data: { numberClass: 'pool', sitterUserId: null } });
      return { e164: row.e164, reassignments, previousSitterUserId: row.sitter_user_id };
    },

    async assign(row: NumberRow, sitter: Sitter, all: InventoryNumber[], sitters: Map<number, Sitter>) {
      check(canAssignToSitter(toInventory(row), sitter, all, row.sitter_user_id ? sitters.get(row.sitter_user_id)?.displayName ?? null : null));
      const at = now();
      await strapi.db.query(NUMBER_UID).update({
        where: { id: row.id },
        data: { numberClass: 'sitter', sitterUserId: sitter.userId, firstAssignedAt: row.first_assigned_at ?? at, lastAssignedAt: at, assignmentCount: (row.assignment_count ?? 0) + 1 },
      });
      await strapi.db.query(ASSIGNMENT_UID).create({ data: { numberId: row.id, kind: 'sitter', sitterUserId: sitter.userId, startedAt: at } });
      return { e164: row.e164, sitterUserId: sitter.userId, sitter: sitter.displayName };
    },
  };
};

export type LifecycleService = ReturnType<typeof lifecycle>;
export default lifecycle;
