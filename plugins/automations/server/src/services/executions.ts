import type { Core } from '@strapi/strapi';
import { defaults, systemClock } from '@switchboard/config';
import type { ActionResult, ConditionResult, Execution, ExecutionStatus, TriggerType } from '../../../shared/contracts';
import { EXECUTION_TABLE, EXECUTION_UID } from '../constants';
import { triggerOf } from '../domain/catalogue';
import type { ExecutionListQuery } from '../domain/inputs';

/** One stored execution (the content type's attributes). */
export interface ExecutionRow {
  id: number;
  documentId: string;
  automationId: string;
  version: number;
  definitionHash: string;
  mode: 'live' | 'test';
  status: ExecutionStatus | 'running';
  triggerType: TriggerType;
  triggerKey: string | null;
  subjectType: string;
  subjectId: string;
  triggerAt: string | Date;
  triggerData: Record<string, unknown> | null;
  clientId: string | null;
  conversationId: string | null;
  context: Record<string, string | number | null> | null;
  conditionResults: ConditionResult[] | null;
  matched: boolean | null;
  actionResults: ActionResult[] | null;
  reason: string | null;
  error: string | null;
  smsSent: number;
  causationId: string;
  depth: number;
  actor: string;
  runAfter: string | Date | null;
  finishedAt: string | Date | null;
  createdAt: string | Date;
}

export type NewExecution = Pick<ExecutionRow, 'automationId' | 'version' | 'definitionHash' | 'mode' | 'status' | 'triggerType' | 'subjectType' | 'subjectId' | 'causationId' | 'depth' | 'actor'> &
  Partial<Pick<ExecutionRow, 'triggerKey' | 'triggerData' | 'clientId' | 'conversationId' | 'context' | 'conditionResults' | 'matched' | 'actionResults' | 'reason' | 'error' | 'smsSent' | 'runAfter' | 'finishedAt'>> & { triggerAt: Date };

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function executionView(row: ExecutionRow): Execution {
  return {
    id: row.documentId,
    automationId: row.automationId,
    version: row.version,
    mode: row.mode,
    status: row.status === 'running' ? 'queued' : row.status,
    trigger: { type: row.triggerType, subject: { type: row.subjectType, id: row.subjectId }, at: iso(row.triggerAt)!, text: triggerOf(row.triggerType)?.label ?? row.triggerType },
    context: row.context ?? {},
    conditions: row.conditionResults ?? [],
    matched: Boolean(row.matched),
    actions: row.actionResults ?? [],
    reason: row.reason,
    error: row.error,
    causation: { id: row.causationId, depth: row.depth },
    actor: row.actor,
    createdAt: iso(row.createdAt)!,
    finishedAt: iso(row.finishedAt),
  };
}

/**
 * The execution log (OPS §3.6 "Execution Logs", §2.4 "Must log all execution attempts"): this plugin's own table. A
 * live run is one row per automation and trigger key (a partial unique index), so a trigger heard twice — or on two
 * nodes — runs once.
 */
const executions = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(EXECUTION_UID as any);
  const knex = () => strapi.db.connection;

  return {
    async ensureIndexes(): Promise<void> {
      await knex().raw(`CREATE UNIQUE INDEX IF NOT EXISTS automation_execution_trigger ON ${EXECUTION_TABLE} (automation_id, trigger_key) WHERE trigger_key IS NOT NULL`);
      await knex().raw(`CREATE INDEX IF NOT EXISTS automation_execution_log ON ${EXECUTION_TABLE} (automation_id, created_at DESC, id DESC)`);
      await knex().raw(`CREATE INDEX IF NOT EXISTS automation_execution_client ON ${EXECUTION_TABLE} (client_id, finished_at) WHERE sms_sent > 0`);
      await knex().raw(`CREATE INDEX IF NOT EXISTS automation_execution_waiting ON ${EXECUTION_TABLE} (status, updated_at) WHERE status IN ('queued', 'running')`);
    },

    /** A live run's row, once per trigger key: null when another node (or an earlier delivery of the event) has it. */
    async insertOnce(row: NewExecution): Promise<ExecutionRow | null> {
      try {
        return (await rows().create({ data: row })) as ExecutionRow;
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (code === '23505' || /unique|duplicate key/i.test(String((error as Error).message))) return null;
        throw error;
      }
    },

    async insert(row: NewExecution): Promise<ExecutionRow> {
      return (await rows().create({ data: row })) as ExecutionRow;
    },

    async byDocumentId(documentId: string): Promise<ExecutionRow | null> {
      return (await rows().findOne({ where: { documentId } })) as ExecutionRow | null;
    },

    /** Claims a queued run for this worker: null when it is not queued any more (another worker has it, or it is done). */
    async claim(documentId: string): Promise<ExecutionRow | null> {
      const claimed = await knex()(EXECUTION_TABLE)
        .where({ document_id: documentId, status: 'queued' })
        .update({ status: 'running', updated_at: systemClock.now() })
        .returning('id');
      return claimed.length > 0 ? this.byDocumentId(documentId) : null;
    },

    async finish(id: number, change: Partial<ExecutionRow>): Promise<ExecutionRow> {
      return (await rows().update({ where: { id }, data: { ...change, finishedAt: systemClock.now() } })) as ExecutionRow;
    },

    /** A run deferred (quiet hours): queued again, to run after `runAfter`. */
    async requeue(id: number, runAfter: Date, reason: string): Promise<void> {
      await rows().update({ where: { id }, data: { status: 'queued', runAfter, reason } });
    },

    /** Runs still queued past their time, or stuck running (a node died mid-run): the sweep sends them again. */
    async waiting(now: Date, staleMs: number): Promise<Array<Pick<ExecutionRow, 'documentId' | 'status' | 'runAfter'>>> {
      const cutoff = new Date(+now - staleMs);
      return knex()(EXECUTION_TABLE)
        .where((q) => q.where('status', 'queued').andWhere((w) => w.whereNull('run_after').orWhere('run_after', '<=', now)).andWhere('updated_at', '<', cutoff))
        .orWhere((q) => q.where('status', 'running').andWhere('updated_at', '<', new Date(+now - 10 * staleMs)))
        .limit(200)
        .select({ documentId: 'document_id', status: 'status', runAfter: 'run_after' });
    },

    /** A run stuck running for long: its node died; it is queued again (its actions ran in one transaction that never committed). */
    async release(documentId: string): Promise<void> {
      await knex()(EXECUTION_TABLE).where({ document_id: documentId, status: 'running' }).update({ status: 'queued', updated_at: systemClock.now() });
    },

    /** The latest test of an automation (any version): activation asks whether it is `ok` on the current hash. */
    async latestTest(automationId: string): Promise<ExecutionRow | null> {
      return (await rows().findOne({ where: { automationId, mode: 'test' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })) as ExecutionRow | null;
    },

    /** Live runs in the last 24 hours per automation (the list's "Execution Count (24h)"). */
    async counts24h(automationIds: string[], now: Date): Promise<Map<string, number>> {
      if (automationIds.length === 0) return new Map();
      const found = await knex()(EXECUTION_TABLE)
        .whereIn('automation_id', automationIds)
        .andWhere('mode', 'live')
        .andWhere('created_at', '>', new Date(+now - 24 * 3_600_000))
        .whereNot('status', 'queued')
        .groupBy('automation_id')
        .select('automation_id')
        .count({ n: '*' });
      return new Map(found.map((r: any) => [String(r.automation_id), Number(r.n)]));
    },

    /** Automated SMS this client received from any automation in the last 24 hours (the frequency cap). */
    async smsToClientSince(clientId: string, since: Date): Promise<number> {
      const [row] = await knex()(EXECUTION_TABLE).where({ client_id: clientId, mode: 'live', status: 'success' }).andWhere('finished_at', '>', since).sum({ n: 'sms_sent' });
      return Number(row?.n ?? 0);
    },

    /** GET /automations/:id/executions: newest first, filtered by status, mode and local days. */
    async list(automationId: string, query: ExecutionListQuery, range: { from?: Date; to?: Date }) {
      const where: Record<string, unknown> = { automationId };
      if (query.status) where.status = query.status === 'queued' ? { $in: ['queued', 'running'] } : query.status;
      if (query.mode) where.mode = query.mode;
      if (range.from || range.to) where.createdAt = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lt: range.to } : {}) };
      const pageSize = query.pageSize ?? defaults.consolePageSizeDefault;
      const page = query.page ?? 1;
      const [found, total] = await Promise.all([
        rows().findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }) as Promise<ExecutionRow[]>,
        rows().count({ where }),
      ]);
      return { data: found.map(executionView), meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } } };
    },
  };
};

export type ExecutionsService = ReturnType<typeof executions>;
export default executions;
