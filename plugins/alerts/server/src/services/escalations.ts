import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { NotFoundError, ValidationError, parseInput } from '@switchboard/kit';
import { staffActor } from '@switchboard/audit';
import type { Escalation, EscalationRule, EscalationRuleTest, Recipient } from '../../../shared/contracts';
import { AUDIT_ACTIONS, ESCALATION_TABLE, ROLE_CODES, RULE_TABLE, SENTENCES } from '../constants';
import { ruleDue, ruleSchema, ruleText, targetProblem, type RuleInput } from '../domain/rules';
import type { EscalationListQuery } from '../domain/inputs';
import { getService } from '../get-service';
import { lower } from './lower';
import type { AlertRow, Staff } from './alerts';

interface RuleRow {
  id: number;
  name: string;
  active: boolean;
  when: RuleInput['when'] | string;
  target: RuleInput['target'] | string;
  created_at: Date;
  updated_at: Date;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const TARGET_NAMES = { owners: 'Owners', admins: 'Messaging Admins' } as const;

/**
 * Escalation (OPS §3.7): rules say which open alerts, unresolved how long, go to whom (Owners, Messaging Admins, one
 * admin); a chain is several rules with rising minutes. The minute sweep escalates each (alert, rule) pair once
 * across nodes (a unique row), by a staff-only notice on the alert's thread and by e-mail where an e-mail provider is
 * configured; a target that no longer resolves to anyone is recorded `failed` with the spec's sentence.
 */
const escalations = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const of = lower(strapi);

  /** The admins a target names now (active, not blocked); an admin_user that is gone or blocked → none. */
  async function recipients(target: RuleInput['target']): Promise<Recipient[]> {
    const users = (await strapi.db.query('admin::user').findMany({
      where: target.type === 'admin_user' ? { id: target.adminUserId, isActive: true, blocked: false } : { isActive: true, blocked: false, roles: { code: ROLE_CODES[target.type] } },
      select: ['id', 'firstname', 'lastname', 'email'],
      orderBy: { id: 'asc' },
    })) as Array<{ id: number; firstname: string | null; lastname: string | null; email: string | null }>;
    return users.map((u) => ({ id: u.id, name: [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email || `Admin ${u.id}`, email: u.email }));
  }

  async function targetName(target: RuleInput['target']): Promise<string> {
    if (target.type !== 'admin_user') return TARGET_NAMES[target.type];
    return (await recipients(target))[0]?.name ?? `admin ${target.adminUserId}`;
  }

  async function ruleView(row: RuleRow): Promise<EscalationRule> {
    const when = json(row.when);
    const target = json(row.target);
    return { id: String(row.id), name: row.name, active: Boolean(row.active), when, target, text: ruleText({ when, target }, await targetName(target)), createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString() };
  }

  /** A rule as the routes take it, its target resolving to someone now (OPS §3.7 "Escalation rules require valid targets"). */
  async function checkedRule(body: unknown): Promise<RuleInput> {
    const rule = parseInput(ruleSchema, body);
    if (targetProblem(rule.target) || (await recipients(rule.target)).length === 0) throw new ValidationError(SENTENCES.escalationFailed, { errors: [{ path: 'target', message: SENTENCES.escalationFailed }] });
    return rule;
  }

  async function storedRule(id: number): Promise<RuleRow> {
    const row = (await knex()(RULE_TABLE).where({ id }).first()) as RuleRow | undefined;
    if (!row) throw new NotFoundError(SENTENCES.ruleNotFound);
    return row;
  }

  /** E-mail is sent only where an e-mail provider is configured (Strapi's default sendmail is not a configuration). */
  function emailConfigured(): boolean {
    const provider = strapi.config.get('plugin::email.provider') as string | undefined;
    return Boolean(provider) && provider !== 'sendmail';
  }

  const channelsFor = (alert: { related: unknown }): Array<'inbox_notice' | 'email'> => {
    const related = typeof alert.related === 'string' ? JSON.parse(alert.related) : (alert.related ?? {});
    return [...(related.conversationId ? (['inbox_notice'] as const) : []), ...(emailConfigured() ? (['email'] as const) : [])];
  };

  async function notify(alert: AlertRow, rule: RuleRow, people: Recipient[]): Promise<void> {
    const related = (typeof alert.related === 'string' ? JSON.parse(alert.related) : alert.related) ?? {};
    const text = `Escalated to ${people.map((p) => p.name).join(', ')} by "${rule.name}": ${alert.title} (open since ${new Date(alert.created_at).toISOString()}).`;
    if (related.conversationId) await of.clientThreads().staffNotice(Number(related.conversationId), text);
    if (emailConfigured()) {
      for (const person of people.filter((p) => p.email)) {
        await strapi.plugin('email').service('email').send({ to: person.email, subject: `Switchboard alert: ${alert.title}`, text });
      }
    }
  }

  const api = {
    async ensureIndexes(): Promise<void> {
      await knex().raw(`CREATE UNIQUE INDEX IF NOT EXISTS ops_alert_escalation_once ON ${ESCALATION_TABLE} (alert_id, rule_id)`);
    },

    /** GET /alerts/escalation-targets: who a rule may name (the rule form's "a named admin"): every active Owner and Messaging Admin. */
    async targets(): Promise<Array<Recipient & { role: string }>> {
      const [owners, admins] = await Promise.all([recipients({ type: 'owners' }), recipients({ type: 'admins' })]);
      const seen = new Set<number>();
      return [...owners.map((r) => ({ ...r, role: 'Owner' })), ...admins.map((r) => ({ ...r, role: 'Messaging Admin' }))].filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
    },

    async rules(): Promise<EscalationRule[]> {
      return Promise.all(((await knex()(RULE_TABLE).orderBy('id')) as RuleRow[]).map(ruleView));
    },

    async createRule(body: unknown, staff: Staff | null): Promise<EscalationRule> {
      const rule = await checkedRule(body);
      const row = await strapi.db.transaction(async ({ trx }) => {
        const now = systemClock.now();
        const [created] = await trx(RULE_TABLE).insert({ name: rule.name, active: rule.active, when: JSON.stringify(rule.when), target: JSON.stringify(rule.target), created_at: now, updated_at: now }).returning('*');
        await of.audit().record({ actor: staff ? staffActor(staff) : { kind: 'system' }, action: AUDIT_ACTIONS.ruleCreate, entity: { type: 'escalation_rule', id: created.id }, details: { ...rule } });
        return created as RuleRow;
      });
      return ruleView(row);
    },

    async updateRule(id: number, body: unknown, staff: Staff): Promise<EscalationRule> {
      const before = await storedRule(id);
      const rule = await checkedRule(body);
      const row = await strapi.db.transaction(async ({ trx }) => {
        const [updated] = await trx(RULE_TABLE).where({ id }).update({ name: rule.name, active: rule.active, when: JSON.stringify(rule.when), target: JSON.stringify(rule.target), updated_at: systemClock.now() }).returning('*');
        await of.audit().record({ actor: staffActor(staff), action: AUDIT_ACTIONS.ruleUpdate, entity: { type: 'escalation_rule', id }, details: { before: { name: before.name, active: before.active, when: json(before.when), target: json(before.target) }, after: rule } });
        return updated as RuleRow;
      });
      return ruleView(row);
    },

    async deleteRule(id: number, staff: Staff): Promise<EscalationRule> {
      const row = await storedRule(id);
      await strapi.db.transaction(async ({ trx }) => {
        await trx(RULE_TABLE).where({ id }).delete();
        await of.audit().record({ actor: staffActor(staff), action: AUDIT_ACTIONS.ruleDelete, entity: { type: 'escalation_rule', id }, details: { name: row.name, when: json(row.when), target: json(row.target) } });
      });
      return ruleView(row);
    },

    /** POST /alerts/escalation-rules/:id/test: who would be notified now and which open alerts are due; sends nothing. */
    async testRule(id: number): Promise<EscalationRuleTest> {
      const row = await storedRule(id);
      const target = json(row.target);
      const people = await recipients(target);
      if (people.length === 0) throw new ValidationError(SENTENCES.escalationFailed);
      const now = systemClock.now();
      const due = (await getService(strapi, 'alerts').open()).filter((a) => ruleDue({ when: json(row.when) }, { severity: a.severity, type: a.type, createdAt: new Date(a.created_at) }, now));
      return {
        recipients: people,
        // E-mail whenever it is configured (whatever is due); an inbox notice for a due alert on a thread.
        channels: [...new Set([...due.flatMap((a) => channelsFor(a)), ...(emailConfigured() ? (['email'] as const) : [])])],
        alertsDueNow: due.map((a) => ({ id: String(a.id), title: a.title, openMinutes: Math.floor((+now - +new Date(a.created_at)) / 60_000) })),
        text: (await ruleView(row)).text,
      };
    },

    /** Every minute, on whichever node runs the sweep: each due (alert, rule) pair escalates once. Answers how many. */
    async sweep(now: Date = systemClock.now()): Promise<number> {
      const rules = ((await knex()(RULE_TABLE).where({ active: true }).orderBy('id')) as RuleRow[]).map((r) => ({ row: r, when: json(r.when), target: json(r.target) }));
      if (rules.length === 0) return 0;
      let escalated = 0;
      for (const alert of await getService(strapi, 'alerts').open()) {
        for (const rule of rules) {
          if (!ruleDue({ when: rule.when }, { severity: alert.severity, type: alert.type, createdAt: new Date(alert.created_at) }, now)) continue;
          const people = await recipients(rule.target);
          const channels = channelsFor(alert);
          const failed = people.length === 0;
          // The pair's row first: a second node (or a second sweep) finds it and does nothing.
          const [claimed] = await knex()(ESCALATION_TABLE)
            .insert({ alert_id: alert.id, rule_id: rule.row.id, rule_name: rule.row.name, alert_title: alert.title, alert_type: alert.type, severity: alert.severity, recipients: JSON.stringify(people), channels: JSON.stringify(failed ? [] : channels), status: failed ? 'failed' : 'sent', error: failed ? SENTENCES.escalationFailed : null, created_at: now, updated_at: now })
            .onConflict(['alert_id', 'rule_id'])
            .ignore()
            .returning('id');
          if (!claimed) continue;
          escalated += 1;
          if (failed) {
            strapi.log.warn(`[alerts] escalation of alert ${alert.id} by rule ${rule.row.id} failed: its target names nobody now`);
            continue;
          }
          try {
            await notify(alert, rule.row, people);
            await of.audit().record({ actor: { kind: 'system' }, action: AUDIT_ACTIONS.escalate, entity: { type: 'alert', id: alert.id }, details: { rule: rule.row.name, recipients: people.map((p) => p.name), channels } });
          } catch (error) {
            await knex()(ESCALATION_TABLE).where({ id: claimed.id ?? claimed }).update({ status: 'failed', error: `${SENTENCES.escalationFailed} (${error instanceof Error ? error.message : error})` });
          }
        }
      }
      return escalated;
    },

    /** GET /alerts/escalations: the history, newest first, by date range and alert type. */
    async history(query: EscalationListQuery): Promise<{ data: Escalation[]; meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number } } }> {
      const filtered = () => {
        const q = knex()(ESCALATION_TABLE);
        if (query.from) q.where('created_at', '>=', query.from);
        if (query.to) q.where('created_at', '<', query.to);
        if (query.type) q.where('alert_type', query.type);
        return q;
      };
      const [rows, [{ n }]] = await Promise.all([filtered().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset((query.page - 1) * query.pageSize).limit(query.pageSize), filtered().count({ n: '*' })]);
      return {
        data: rows.map((r: any) => ({
          id: String(r.id),
          at: new Date(r.created_at).toISOString(),
          alert: { id: String(r.alert_id), title: r.alert_title, type: r.alert_type, severity: r.severity },
          rule: { id: String(r.rule_id), name: r.rule_name },
          recipients: json(r.recipients) ?? [],
          channels: json(r.channels) ?? [],
          status: r.status,
          error: r.error,
        })),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, total: Number(n), pageCount: Math.ceil(Number(n) / query.pageSize) } },
      };
    },
  };
  return api;
};

export type EscalationsService = ReturnType<typeof escalations>;
export default escalations;
