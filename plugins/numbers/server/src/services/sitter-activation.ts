import type { Core } from '@strapi/strapi';
import { ConflictError } from '@switchboard/kit';
import { displayNumber, planReassignment, selectNumberForSitter } from '../domain/inventory';
import { AUDIT_ACTIONS, NUMBER_UID } from '../constants';
import { allNumbers, loadOne, lockFrontDesk } from './number-rows';
import type { Actor } from './lifecycle';
import { getService } from '../get-service';

/**
 * The sitter-windows port (OPS §4.2 "Closes active assignment windows"): assignments sits above numbers, so numbers
 * declares what it asks and assignments fills it at bootstrap. Until then a sitter has no windows to close.
 */
export interface SitterWindowsPort {
  /** The sitter's windows deactivation would close at `now`: active ones (ended now) and future ones (removed). */
  preview(userId: number, now: Date): Promise<{ activeWindows: number; futureWindows: number }>;
  /** Closes them, joining the caller's transaction; how many were closed. */
  close(userId: number, now: Date): Promise<number>;
}

const NO_WINDOWS: SitterWindowsPort = { preview: async () => ({ activeWindows: 0, futureWindows: 0 }), close: async () => 0 };

const windowsClosed = (n: number) => (n > 0 ? ` ${n} ${n === 1 ? 'window' : 'windows'} closed.` : '');

/** Activating and deactivating sitters (OPS §4.1, §4.2): their state lives in people, their number here; one transaction. */
const sitterActivation = ({ strapi }: { strapi: Core.Strapi }) => {
  const lifecycle = () => getService(strapi, 'lifecycle');
  let sitterWindows: SitterWindowsPort = NO_WINDOWS;

  return {
    /** Called once by assignments' bootstrap. */
    fillSitterWindows(port: SitterWindowsPort): void {
      sitterWindows = port;
    },

    /** OPS §4.1 before it happens (people's activation preview): the number activation would assign; the same refusals, nothing written. */
    async previewActivation(userId: number) {
      const sitter = await lifecycle().sitterFor(userId);
      const all = await allNumbers(strapi.db.connection);
      const existing = all.find((n) => n.sitterUserId === userId && n.status === 'active');
      if (existing && sitter.active) throw new ConflictError(`${sitter.displayName} is already active with the masked number ${displayNumber(existing.e164)}.`);
      const e164 = existing?.e164 ?? selectNumberForSitter(all)?.e164;
      if (!e164) throw new ConflictError('No sitter numbers available. Purchase number first?');
      return { action: 'activate' as const, sitter: sitter.displayName, e164 };
    },

    /** OPS §4.2 before it happens: the number deactivation would quarantine and where its threads would go; nothing written. */
    async previewDeactivation(userId: number) {
      const sitter = await lifecycle().sitterFor(userId);
      if (!sitter.active) throw new ConflictError(`${sitter.displayName} is already inactive.`);
      const all = await allNumbers(strapi.db.connection);
      const number = all.find((n) => n.sitterUserId === userId && n.status === 'active');
      const threads = number ? ((await getService(strapi, 'threads').threadsOn([number.e164])).get(number.e164) ?? []) : [];
      const plan = number ? planReassignment(number, threads, all) : [];
      const to = plan[0] ? all.find((n) => n.e164 === plan[0].to) : undefined;
      const open = await sitterWindows.preview(userId, new Date());
      return {
        windowsClosing: open.activeWindows + open.futureWindows,
        action: 'deactivate' as const,
        sitter: sitter.displayName,
        e164: number?.e164 ?? null,
        threadsMoving: plan.length,
        movingTo: to ? { e164: to.e164, frontDesk: to.numberClass === 'front_desk' } : null,
        cooldownDays: (await getService(strapi, 'settings').get()).cooldownDays,
      };
    },

    /** The sitter's active masked number (E.164), or null: what people's profile shows the sitter (filled at bootstrap). */
    // Through the query engine, so inside a caller's transaction (a booking, the demo seed) it sees that transaction's numbers.
    async maskedNumberOf(userId: number): Promise<string | null> {
      const row = (await strapi.db.query(NUMBER_UID).findOne({ where: { sitterUserId: userId, status: 'active' }, select: ['e164'] })) as { e164: string } | null;
      return row?.e164 ?? null;
    },

    /** OPS §4.1: activating a sitter assigns them a masked number. */
    async activateSitter(userId: number, actor: Actor) {
      const sitter = await lifecycle().sitterFor(userId);
      const activated = await strapi.db.transaction(async ({ trx }) => {
        await trx('phone_number').whereIn('number_class', ['sitter', 'pool']).forUpdate().select('id');
        const all = await allNumbers(trx);
        const existing = all.find((n) => n.sitterUserId === userId && n.status === 'active');
        if (existing && sitter.active) throw new ConflictError(`${sitter.displayName} is already active with the masked number ${displayNumber(existing.e164)}.`);
        await lifecycle().setSitterActive(userId, true);
        let e164 = existing?.e164;
        if (!existing) {
          const pick = selectNumberForSitter(all);
          if (!pick) throw new ConflictError('No sitter numbers available. Purchase number first?');
          const row = await loadOne(trx, pick.id, true);
          await lifecycle().assign(row, { ...sitter, active: true }, all, await lifecycle().sitters());
          e164 = pick.e164;
        }
        await lifecycle().record(actor, AUDIT_ACTIONS.sitterActivate, userId, { sitter: sitter.displayName, e164 });
        return { e164: e164!, message: `Sitter ${sitter.displayName} activated. Masked number ${e164} assigned.` };
      });
      // OPS §4.1 step 4, once the activation has committed: the sitter hears it in their Admin team thread.
      try {
        await getService(strapi, 'sitter-notices').notify({ kind: 'activated', sitterUserId: userId, e164: activated.e164 });
      } catch (error) {
        // The activation stands; only the sitter's notice is missing, and the log says which one.
        strapi.log.error(`[numbers] activation notice for sitter user ${userId} (${activated.e164}) failed: ${error}`);
      }
      return activated;
    },

    /** OPS §4.2: deactivating a sitter quarantines their number and moves their threads to the owner inbox. */
    async deactivateSitter(userId: number, actor: Actor) {
      const sitter = await lifecycle().sitterFor(userId);
      if (!sitter.active) throw new ConflictError(`${sitter.displayName} is already inactive.`);
      return strapi.db.transaction(async ({ trx }) => {
        await lockFrontDesk(trx);
        const all = await allNumbers(trx);
        const number = all.find((n) => n.sitterUserId === userId && n.status === 'active');
        await lifecycle().setSitterActive(userId, false);
        const quarantined = number
          ? await lifecycle().quarantine(trx, await loadOne(trx, number.id, true), all, { reason: 'other', note: `${sitter.displayName} was deactivated.`, cooldownDays: (await getService(strapi, 'settings').get()).cooldownDays }, actor)
          : null;
        const reassignments = quarantined?.reassignments ?? [];
        const closed = await sitterWindows.close(userId, new Date());
        await lifecycle().record(actor, AUDIT_ACTIONS.sitterDeactivate, userId, { sitter: sitter.displayName, e164: number?.e164 ?? null, reassignments, windowsClosed: closed });
        const moved = reassignments.length;
        return {
          e164: number?.e164 ?? null,
          reassignments,
          windowsClosed: closed,
          message: number
            ? `Sitter ${sitter.displayName} deactivated. Number ${number.e164} quarantined. ${moved} ${moved === 1 ? 'thread' : 'threads'} reassigned.${windowsClosed(closed)}`
            : `Sitter ${sitter.displayName} deactivated. They had no masked number.${windowsClosed(closed)}`,
        };
      });
    },
  };
};

export type SitterActivationService = ReturnType<typeof sitterActivation>;
export default sitterActivation;
