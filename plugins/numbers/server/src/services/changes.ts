import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ValidationError, publishDomainEvent, statusOf } from '@switchboard/kit';
import {
  canQuarantine,
  canReleaseFromQuarantine,
  cooldownDays as cooldownDaysFor,
  displayNumber,
  selectPoolNumber,
  withFrontDesk,
  type InventoryNumber,
  type QuarantineReason,
  type Reassignment,
} from '../domain/inventory';
import { toInventory } from '../domain/number-view';
import { AUDIT_ACTIONS, EVENTS, NUMBER_UID, PLUGIN } from '../constants';
import { allNumbers, loadOne, lockFrontDesk, numbersByE164, rowsFor } from './number-rows';
import { check, type Actor } from './lifecycle';
import { getService } from '../get-service';
import type { SitterNotice } from './sitter-notices';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type BulkInput =
  | { action: 'quarantine'; ids: number[]; reason: QuarantineReason; note?: string; cooldownDays?: number }
  | { action: 'release'; ids: number[] }
  | { action: 'assign'; assignments: Array<{ numberId: number; sitterUserId: number }> };

/** Changing numbers (OPS §3.1): every change locks the rows it touches, writes its audit event, and commits once. */
const changes = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => systemClock.now();
  const lifecycle = () => getService(strapi, 'lifecycle');

  /** Tells a sitter about their number once the change has committed; the change stands if the notice fails. */
  const tellSitter = async (notice: SitterNotice) => {
    try {
      await getService(strapi, 'sitter-notices').notify(notice);
    } catch (error) {
      strapi.log.error(`[numbers] ${notice.kind} notice for sitter user ${notice.sitterUserId} (${notice.e164}) failed: ${error}`);
    }
  };

  /** The cooldown asked for, or the one in numbers' settings; 400 below the floor. */
  const cooldown = async (requested: number | undefined) => {
    const days = cooldownDaysFor(requested, (await getService(strapi, 'settings').get()).cooldownDays);
    if (!days.ok) throw new ValidationError(days.message);
    return days.days;
  };

  /** README "Events": a number was assigned to a sitter or released to the pool, after its commit. */
  const announce = (id: number, e164: string, change: 'assigned' | 'released', sitterName: string | null) =>
    publishDomainEvent(strapi, {
      type: EVENTS.numberAssigned,
      source: PLUGIN,
      at: systemClock.now().toISOString(),
      subject: { type: 'number', id: String(id) },
      data: { e164, change, sitterName, title: change === 'assigned' ? `Number assigned: ${displayNumber(e164)} to ${sitterName}` : `Number released: ${displayNumber(e164)} back to the pool` },
    });

  return {
    async assign(id: number, sitterUserId: number, actor: Actor) {
      const sitter = await lifecycle().sitterFor(sitterUserId);
      const assigned = await strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        const result = await lifecycle().assign(row, sitter, await allNumbers(trx), await lifecycle().sitters());
        await lifecycle().record(actor, AUDIT_ACTIONS.assign, id, result);
        return { ...result, message: `${displayNumber(row.e164)} assigned to ${sitter.displayName}.` };
      });
      await tellSitter({ kind: 'number_assigned', sitterUserId: assigned.sitterUserId, e164: assigned.e164 });
      await announce(id, assigned.e164, 'assigned', sitter.displayName);
      return assigned;
    },

    async release(id: number, actor: Actor) {
      const released = await strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        const result = await lifecycle().release(trx, row, await allNumbers(trx));
        await lifecycle().record(actor, AUDIT_ACTIONS.release, id, result);
        return { ...result, message: `${displayNumber(row.e164)} released to pool. ${plural(result.reassignments.length, 'thread', 'threads')} reassigned.` };
      });
      if (released.previousSitterUserId) await tellSitter({ kind: 'number_released', sitterUserId: released.previousSitterUserId, e164: released.e164 });
      await announce(id, released.e164, 'released', null);
      return released;
    },

    /**
     * Quarantines one number. With `replacementId` (OPS §3.1 "Assign replacement first") that active pool number
     * becomes the Front Desk number in the same transaction and takes the quarantined number's threads: both
     * changes, each with its audit event, or neither.
     */
    async quarantine(id: number, input: { reason: QuarantineReason; note?: string; cooldownDays?: number; replacementId?: number }, actor: Actor) {
      const days = await cooldown(input.cooldownDays);
      return strapi.db.transaction(async ({ trx }) => {
        await lockFrontDesk(trx);
        const row = await loadOne(trx, id, true);
        const [replacementRow] = input.replacementId === undefined ? [] : await rowsFor(trx, [input.replacementId], true);
        let all = await allNumbers(trx);
        let replacement: InventoryNumber | undefined;
        if (input.replacementId !== undefined) {
          // Every refusal (400 or 409) comes before the first write.
          check(canQuarantine(toInventory(row), all, input.replacementId));
          replacement = await lifecycle().promoteToFrontDesk(row, replacementRow);
          all = withFrontDesk(all, replacement.id);
          await lifecycle().record(actor, AUDIT_ACTIONS.promoteFrontDesk, replacement.id, { e164: replacement.e164, previousClass: 'pool', replaces: row.e164 });
        }
        const result = await lifecycle().quarantine(trx, row, all, { reason: input.reason, note: input.note, cooldownDays: days }, actor, replacement);
        const replacedBy = replacement ? { id: replacement.id, e164: replacement.e164 } : null;
        await lifecycle().record(actor, AUDIT_ACTIONS.quarantine, id, { ...result, reason: input.reason, note: input.note ?? null, cooldownDays: days, replacement: replacedBy });
        const promoted = replacement ? ` ${displayNumber(replacement.e164)} is the Front Desk number now.` : '';
        return {
          ...result,
          replacement: replacedBy,
          message: `Number ${displayNumber(row.e164)} quarantined.${promoted} ${plural(result.reassignments.length, 'thread', 'threads')} reassigned. Available in ${days} days.`,
        };
      });
    },

    async releaseFromQuarantine(id: number, actor: Actor) {
      return strapi.db.transaction(async ({ trx }) => {
        const row = await loadOne(trx, id, true);
        check(canReleaseFromQuarantine(toInventory(row), now()));
        await lifecycle().endAssignment(trx, id, 'quarantine', 'cooldown complete');
        await strapi.db.query(NUMBER_UID).update({ where: { id }, data: { status: 'active', numberClass: 'pool', sitterUserId: null, cooldownUntil: null, quarantinedAt: null, quarantineReason: null, quarantineNote: null } });
        await lifecycle().record(actor, AUDIT_ACTIONS.releaseQuarantine, id, { e164: row.e164 });
        return { e164: row.e164, message: `Number ${displayNumber(row.e164)} released from quarantine. Available for pool assignment.` };
      });
    },

    /**
     * One operation over many numbers (OPS §3.1 "Bulk Operations"): every guardrail is checked, then everything
     * changes in one transaction with one audit event — or, on the first refusal, nothing changes.
     */
    async bulk(input: BulkInput, actor: Actor) {
      const days = input.action === 'quarantine' ? await cooldown(input.cooldownDays) : 0;
      const sitters = await lifecycle().sitters();
      return strapi.db.transaction(async ({ trx }) => {
        const ids = input.action === 'assign' ? input.assignments.map((a) => a.numberId) : input.ids;
        if (new Set(ids).size !== ids.length) throw new ValidationError('A number is listed twice.');
        if (input.action === 'quarantine') await lockFrontDesk(trx);
        const rows = await rowsFor(trx, ids, true);
        if (rows.length !== ids.length) throw new NotFoundError('One of those numbers is not in the inventory.');
        const results: unknown[] = [];
        // The inventory is read once; after each change only the rows it touched are read again.
        let all = await allNumbers(trx);
        const refresh = async (e164s: string[]) => {
          const fresh = await numbersByE164(trx, e164s);
          all = all.map((n) => fresh.find((f) => f.id === n.id) ?? n);
        };
        for (const id of ids) {
          const [row] = await rowsFor(trx, [id], false);
          try {
            let result: { e164: string; reassignments?: Reassignment[] };
            if (input.action === 'quarantine') result = await lifecycle().quarantine(trx, row, all, { reason: input.reason, note: input.note, cooldownDays: days }, actor);
            else if (input.action === 'release') result = await lifecycle().release(trx, row, all);
            else {
              const sitter = sitters.get(input.assignments.find((a) => a.numberId === id)!.sitterUserId);
              if (!sitter) throw new NotFoundError('That sitter does not exist.');
              result = await lifecycle().assign(row, sitter, all, sitters);
            }
            results.push(result);
            await refresh([row.e164, ...(result.reassignments ?? []).map((r) => r.to)]);
          } catch (error) {
            if (statusOf(error) === null) throw error;
            // The same refusal, saying which number stopped the whole operation.
            const Refusal = (error as Error).constructor as new (message: string) => Error;
            throw new Refusal(`Nothing was changed. ${displayNumber(row.e164)}: ${(error as Error).message}`);
          }
        }
        await lifecycle().record(actor, AUDIT_ACTIONS.bulk(input.action), ids.join(','), {
          count: ids.length,
          numbers: rows.map((r) => r.e164),
          ...(input.action === 'quarantine' ? { reason: input.reason, note: input.note ?? null, cooldownDays: days } : {}),
          results,
        });
        const verb = { quarantine: 'quarantined', release: 'released to pool', assign: 'assigned' }[input.action];
        return { count: ids.length, results, message: `${plural(ids.length, 'number', 'numbers')} ${verb}.` };
      });
    },

    /** A pool number for a one-time booking's thread (OPS §4.4), least recently used first; marks it used. */
    async takePoolNumber(): Promise<string> {
      return strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').where({ number_class: 'pool', status: 'active' }).forUpdate().select('id');
        const pick = selectPoolNumber(await allNumbers(trx));
        if (!pick) throw new ConflictError('No pool numbers available. Purchase number first?');
        await trx('phone_number').where('id', pick.id).update({ last_used_at: now() });
        return pick.e164;
      });
    },
  };
};

export type ChangesService = ReturnType<typeof changes>;
export default changes;
