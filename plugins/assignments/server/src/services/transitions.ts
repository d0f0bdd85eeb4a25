import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, stopJobQueue, type PgBoss } from '@switchboard/database';
import { publishDomainEvent } from '@switchboard/kit';
import { EVENTS, PLUGIN, TRANSITIONS_QUEUE, TRANSITION_TABLE, WINDOW_UID } from '../constants';
import { getService } from '../get-service';
import type { WindowRow } from './windows';

export type Edge = 'start' | 'end';

export interface EdgeJob {
  windowId: string;
  edge: Edge;
  /** The instant this edge was scheduled for (ISO); a window moved since then has a new job, and this one does nothing. */
  at: string;
}

export interface WindowRef {
  id: string;
  conversationId: string;
  sitterId: number;
  startsAt: Date;
  endsAt: Date;
}

interface MessagingSitterAccess {
  windowStarted?(change: { sitterUserId: number; conversationId: number }): Promise<void>;
  windowEnded?(change: { sitterUserId: number; conversationId: number }): Promise<void>;
}

/**
 * Window transitions on pg-boss (README "Transitions"): one job per window edge (start, end), keyed per window, edge
 * and instant (a queue of policy `short`, so a second send of the same edge while one waits is dropped), and a row in
 * `assignment_window_transition` inserted in the job's transaction (primary key window, edge, instant), so two nodes
 * never fire one edge twice. A start tells messaging (`sitter-access.windowStarted`: the sitter gets
 * `conversation:updated`) and publishes `window_starting`; an end tells messaging (`windowEnded`:
 * `conversation:removed`). At boot, the edges of every window not yet ended are (re)scheduled.
 */
const transitions = ({ strapi }: { strapi: Core.Strapi }) => {
  let boss: PgBoss | null = null;
  // After-commit work still running (scheduling, telling messaging): stop() waits for it, so a shutdown never cuts it.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };
  const knex = () => strapi.db.connection;
  const sitterAccess = () => strapi.plugin('messaging').service('sitter-access') as MessagingSitterAccess | undefined;

  async function ensureTable(): Promise<void> {
    if (await knex().schema.hasTable(TRANSITION_TABLE)) return;
    await knex()
      .schema.createTable(TRANSITION_TABLE, (t) => {
        t.string('window_document_id', 64).notNullable();
        t.string('edge', 8).notNullable();
        t.timestamp('edge_at', { useTz: true }).notNullable();
        t.timestamp('fired_at', { useTz: true }).notNullable();
        t.string('node', 64);
        t.primary(['window_document_id', 'edge', 'edge_at']);
      })
      .catch(async (error) => {
        // Two nodes booting at once: the other one created it.
        if (!(await knex().schema.hasTable(TRANSITION_TABLE))) throw error;
      });
  }

  /** The shared queue is usable: started here and not stopped (or stopping: its database closes first) by anyone. */
  const queueOpen = (): boolean => boss !== null && (boss.getDb() as { opened?: boolean }).opened !== false;

  async function send(job: EdgeJob): Promise<void> {
    if (!boss || !queueOpen()) return;
    const at = new Date(job.at);
    await boss.send(TRANSITIONS_QUEUE, job, {
      startAfter: at > systemClock.now() ? at : undefined,
      singletonKey: `${job.windowId}:${job.edge}:${job.at}`,
      retryLimit: 3,
    });
  }

  /** Tells messaging, logging a failure (the edge has fired; the sitter's next request asks the port again anyway). */
  async function tellMessaging(edge: Edge, change: { sitterUserId: number; conversationId: number }): Promise<void> {
    const service = sitterAccess();
    const method = edge === 'start' ? service?.windowStarted : service?.windowEnded;
    if (!method) return;
    try {
      await method.call(service, change);
    } catch (error) {
      strapi.log.error(`[assignments] messaging did not hear that sitter ${change.sitterUserId}'s window on thread ${change.conversationId} ${edge === 'start' ? 'started' : 'ended'}: ${error}`);
    }
  }

  const api = {
    /**
     * Fires one edge if it is still due and has not fired: the fired row is inserted in this transaction (a second
     * node's insert finds it and does nothing). True when this call fired it.
     */
    async fire(job: EdgeJob): Promise<boolean> {
      const fired = await strapi.db.transaction(async ({ trx }) => {
        const row = (await strapi.db.query(WINDOW_UID as any).findOne({
          where: { documentId: job.windowId },
        })) as WindowRow | null;
        if (!row) return null;
        const due = new Date(job.edge === 'start' ? row.startsAt : row.endsAt);
        // Moved since this job was sent: the job for its new instant does it.
        if (+due !== +new Date(job.at)) return null;
        if (job.edge === 'start' && row.overlapping) return null;
        const inserted = await trx(TRANSITION_TABLE)
          .insert({
            window_document_id: job.windowId,
            edge: job.edge,
            edge_at: due,
            fired_at: systemClock.now(),
            node: process.env.NODE_ID ?? null,
          })
          .onConflict(['window_document_id', 'edge', 'edge_at'])
          .ignore()
          .returning('window_document_id');
        return inserted.length > 0 ? row : null;
      });
      if (!fired) return false;
      const change = {
        sitterUserId: Number(fired.sitterId),
        conversationId: Number(fired.conversationId),
      };
      await tellMessaging(job.edge, change);
      if (job.edge === 'start') {
        await publishDomainEvent(strapi, {
          type: EVENTS.windowStarting,
          source: PLUGIN,
          at: systemClock.now().toISOString(),
          subject: { type: 'assignment_window', id: fired.documentId },
          conversationId: String(fired.conversationId),
          data: {
            windowId: fired.documentId,
            conversationId: String(fired.conversationId),
            sitterId: Number(fired.sitterId),
            startsAt: new Date(fired.startsAt).toISOString(),
            endsAt: new Date(fired.endsAt).toISOString(),
          },
        });
      }
      return true;
    },

    /** After a commit: jobs for the edges of these windows that are still ahead (a start already passed fires now). */
    schedule(windows: WindowRef[]): Promise<void> {
      return track(scheduleNow(windows));
    },

    /** Windows ended (or removed) at once: their sitters lose the thread now, on every node. */
    endedNow(windows: WindowRef[]): Promise<void> {
      return track(
        (async () => {
          for (const w of windows)
            await tellMessaging('end', {
              sitterUserId: w.sitterId,
              conversationId: Number(w.conversationId),
            });
        })(),
      );
    },

    /** At bootstrap: the fired table, the worker, and the edges of every window not yet ended. */
    async start(): Promise<void> {
      await ensureTable();
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      // The queue is shared by the process (provider's delivery worker stops it too): once stopped, send nothing more.
      boss.once('stopped', () => {
        boss = null;
      });
      await boss.createQueue(TRANSITIONS_QUEUE, {
        name: TRANSITIONS_QUEUE,
        policy: 'short',
      });
      await boss.work<EdgeJob>(TRANSITIONS_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 8 }, async (jobs) => {
        for (const job of jobs) await api.fire(typeof job.data === 'string' ? JSON.parse(job.data) : job.data);
      });
      const open = await getService(strapi, 'windows').notEnded(systemClock.now());
      await api.schedule(
        open.map((w) => ({
          id: w.documentId,
          conversationId: String(w.conversationId),
          sitterId: Number(w.sitterId),
          startsAt: new Date(w.startsAt),
          endsAt: new Date(w.endsAt),
        })),
      );
    },

    async stop(): Promise<void> {
      await Promise.allSettled([...inFlight]);
      boss = null;
      await stopJobQueue();
    },

    /** How many times this window's edge fired (tests, support). */
    async firedCount(windowId: string, edge: Edge): Promise<number> {
      return Number((await knex()(TRANSITION_TABLE).where({ window_document_id: windowId, edge }).count({ n: '*' }))[0].n);
    },
  };

  async function scheduleNow(windows: WindowRef[]): Promise<void> {
    const now = systemClock.now();
    try {
      for (const w of windows) {
        if (w.endsAt <= now) continue;
        await send({
          windowId: w.id,
          edge: 'start',
          at: w.startsAt.toISOString(),
        });
        await send({ windowId: w.id, edge: 'end', at: w.endsAt.toISOString() });
      }
    } catch (error) {
      // While the queue stops (the process shutting down) there is nothing to log: the next boot schedules them.
      if (queueOpen()) strapi.log.error(`[assignments] window transitions were not scheduled (the next boot schedules them): ${error}`);
    }
  }

  return api;
};

export type TransitionsService = ReturnType<typeof transitions>;
export default transitions;
