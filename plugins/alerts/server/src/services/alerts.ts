import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import type { Alert, AlertRelated, AlertStatus, AlertType, Severity } from '../../../shared/contracts';
import { ALERT_TABLE, AUDIT_ACTIONS, ESCALATION_TABLE, SENTENCES, SOCKET_EVENTS } from '../constants';
import { SEVERITY_OF, type AlertInput } from '../domain/alert-types';
import type { AlertListQuery } from '../domain/inputs';
import { lower } from './lower';

export interface AlertRow {
  id: number;
  type: AlertType;
  severity: Severity;
  status: AlertStatus;
  title: string;
  description: string | null;
  source_key: string;
  related: AlertRelated | string | null;
  count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  note: string | null;
  created_at: Date;
}

export interface Staff {
  id: number;
  displayName: string;
}

const json = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Alerts (OPS §3.7): one open alert per source and subject (a partial unique index on `source_key` while open), so a
 * repeat raises its count and last-seen time instead of a flood; Resolve and Dismiss (never a critical one), nothing
 * deleted. Every change reaches the panel live as `alert:new` / `alert:updated` on every node.
 */
const alerts = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const of = lower(strapi);

  /** Whether an open alert's cause has cleared, asked of its source (the violation reviewed, the thread's failures settled). */
  async function causeCleared(row: AlertRow): Promise<boolean> {
    if (row.status !== 'open') return false;
    const related = json<AlertRelated>(row.related) ?? {};
    try {
      if (row.type === 'policy_violation' && related.violationId) return (await of.violations().findOne(Number(related.violationId))).status !== 'open';
      if (row.type === 'delivery_failure' && related.conversationId) {
        const failures = await of.deliveryFailures().list({ conversationId: related.conversationId, page: 1, pageSize: 200 } as any);
        return failures.data.length > 0 && failures.data.every((f) => f.status === 'resolved');
      }
    } catch {
      return false;
    }
    return false;
  }

  async function escalatedTo(ids: number[]): Promise<Map<number, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await knex()(ESCALATION_TABLE).whereIn('alert_id', ids).orderBy('id').select('alert_id', 'rule_name');
    const out = new Map<number, string[]>();
    for (const r of rows) out.set(Number(r.alert_id), [...(out.get(Number(r.alert_id)) ?? []), r.rule_name]);
    return out;
  }

  async function views(rows: AlertRow[]): Promise<Alert[]> {
    const escalations = await escalatedTo(rows.map((r) => r.id));
    return Promise.all(
      rows.map(async (row) => ({
        id: String(row.id),
        createdAt: iso(row.created_at)!,
        severity: row.severity,
        type: row.type,
        title: row.title,
        description: row.description ?? '',
        status: row.status,
        related: json<AlertRelated>(row.related) ?? {},
        count: Number(row.count),
        lastSeenAt: iso(row.last_seen_at)!,
        causeCleared: await causeCleared(row),
        resolvedAt: iso(row.resolved_at),
        resolvedBy: row.resolved_by,
        note: row.note,
        escalatedTo: escalations.get(row.id) ?? [],
      })),
    );
  }

  const tell = (created: boolean, alert: Alert) => {
    try {
      of.realtime().toStaff(created ? SOCKET_EVENTS.created : SOCKET_EVENTS.updated, { alert });
    } catch (error) {
      strapi.log.error(`[alerts] the panel was not told of alert ${alert.id}: ${error}`);
    }
  };

  async function stored(id: number): Promise<AlertRow> {
    const row = (await knex()(ALERT_TABLE).where({ id }).first()) as AlertRow | undefined;
    if (!row) throw new NotFoundError(SENTENCES.notFound);
    return row;
  }

  const api = {
    async ensureIndexes(): Promise<void> {
      await knex().raw(`CREATE UNIQUE INDEX IF NOT EXISTS ops_alert_open_source ON ${ALERT_TABLE} (source_key) WHERE status = 'open'`);
      await knex().raw(`CREATE INDEX IF NOT EXISTS ops_alert_feed ON ${ALERT_TABLE} (status, severity, created_at DESC, id DESC)`);
    },

    /**
     * Raises an alert, or counts a repeat of the open one with the same source key (atomic: two nodes reporting at
     * once make one alert with a count of two). Answers the alert and whether it is new.
     */
    async raise(input: AlertInput): Promise<{ alert: Alert; created: boolean }> {
      const now = systemClock.now();
      const { rows } = (await knex().raw(
        `INSERT INTO ${ALERT_TABLE} (type, severity, status, title, description, source_key, related, count, occurrences, first_seen_at, last_seen_at, created_at, updated_at)
         VALUES (:type, :severity, 'open', :title, :description, :sourceKey, CAST(:related AS jsonb), 1, jsonb_build_array(CAST(:occurrence AS text)), :at, :at, :now, :now)
         ON CONFLICT (source_key) WHERE status = 'open'
         DO UPDATE SET count = CASE WHEN ${ALERT_TABLE}.occurrences @> EXCLUDED.occurrences THEN ${ALERT_TABLE}.count ELSE ${ALERT_TABLE}.count + 1 END,
                       occurrences = CASE WHEN ${ALERT_TABLE}.occurrences @> EXCLUDED.occurrences THEN ${ALERT_TABLE}.occurrences
                                          ELSE COALESCE(${ALERT_TABLE}.occurrences, CAST('[]' AS jsonb)) || EXCLUDED.occurrences END,
                       last_seen_at = GREATEST(${ALERT_TABLE}.last_seen_at, EXCLUDED.last_seen_at),
                       title = EXCLUDED.title, description = EXCLUDED.description,
                       related = ${ALERT_TABLE}.related || EXCLUDED.related, updated_at = EXCLUDED.updated_at
         RETURNING *, (xmax = 0) AS inserted`,
        { type: input.type, severity: SEVERITY_OF[input.type], title: input.title.slice(0, 255), description: input.description, sourceKey: input.sourceKey, related: JSON.stringify(input.related), occurrence: input.occurrenceKey ?? `${input.at.toISOString()}:${randomUUID()}`, at: input.at, now },
      )) as { rows: Array<AlertRow & { inserted: boolean }> };
      const [alert] = await views(rows);
      tell(rows[0].inserted, alert);
      return { alert, created: rows[0].inserted };
    },

    /** Whether an open alert with this source key exists (backfill asks before raising). */
    async isOpen(sourceKey: string): Promise<boolean> {
      return Boolean(await knex()(ALERT_TABLE).where({ source_key: sourceKey, status: 'open' }).first('id'));
    },

    /** Whether an alert with this source key was ever raised (backfill does not raise a resolved one again). */
    async ever(sourceKey: string): Promise<boolean> {
      return Boolean(await knex()(ALERT_TABLE).where({ source_key: sourceKey }).first('id'));
    },

    /** GET /alerts: newest first, with the open counts by severity (the badge and the dashboard's headings). */
    async list(query: AlertListQuery) {
      const filtered = () => {
        const q = knex()(ALERT_TABLE).where('status', query.status);
        if (query.severity) q.where('severity', query.severity);
        if (query.type) q.where('type', query.type);
        return q;
      };
      const [rows, [{ n }], open] = await Promise.all([
        filtered().orderBy([{ column: 'last_seen_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset((query.page - 1) * query.pageSize).limit(query.pageSize),
        filtered().count({ n: '*' }),
        knex()(ALERT_TABLE).where('status', 'open').groupBy('severity').select('severity').count({ n: '*' }),
      ]);
      const openBy = Object.fromEntries(open.map((r: any) => [r.severity, Number(r.n)]));
      return {
        data: await views(rows as AlertRow[]),
        meta: {
          pagination: { page: query.page, pageSize: query.pageSize, total: Number(n), pageCount: Math.ceil(Number(n) / query.pageSize) },
          open: { critical: openBy.critical ?? 0, warning: openBy.warning ?? 0, info: openBy.info ?? 0 },
        },
      };
    },

    async get(id: number): Promise<Alert> {
      return (await views([await stored(id)]))[0];
    },

    /** Open alerts (the escalation sweep). */
    async open(): Promise<AlertRow[]> {
      return (await knex()(ALERT_TABLE).where('status', 'open').orderBy('id')) as AlertRow[];
    },

    /** POST /alerts/:id/resolve and …/dismiss (OPS §3.7): a critical alert is only resolved; a dismissed one is archived. */
    async close(id: number, how: 'resolved' | 'dismissed', note: string | undefined, staff: Staff): Promise<Alert> {
      const row = await stored(id);
      if (how === 'dismissed' && row.severity === 'critical') throw new ConflictError(SENTENCES.criticalNotDismissable);
      if (row.status !== 'open') throw new ConflictError(SENTENCES.notOpen);
      const closed = await strapi.db.transaction(async ({ trx }) => {
        const [updated] = await trx(ALERT_TABLE)
          .where({ id, status: 'open' })
          .update({ status: how, resolved_at: systemClock.now(), resolved_by: staff.displayName, note: note ?? null, updated_at: systemClock.now() })
          .returning('*');
        if (!updated) throw new ConflictError(SENTENCES.notOpen);
        await of.audit().record({
          actor: staffActor(staff),
          action: how === 'resolved' ? AUDIT_ACTIONS.resolve : AUDIT_ACTIONS.dismiss,
          entity: { type: 'alert', id },
          ...(json<AlertRelated>(row.related)?.conversationId ? { conversationId: json<AlertRelated>(row.related)!.conversationId } : {}),
          details: { type: row.type, severity: row.severity, title: row.title, count: row.count, ...(note ? { note } : {}) },
        });
        return updated as AlertRow;
      });
      const [alert] = await views([closed]);
      tell(false, alert);
      return alert;
    },
  };
  return api;
};

export type AlertsService = ReturnType<typeof alerts>;
export default alerts;
