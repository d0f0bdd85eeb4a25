import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { systemClock } from '@switchboard/config';
import { TABLES } from '../constants';
import { WAITING_STATUSES } from '../domain/outbound-message';

/** Traffic figures of one number over the provider's own records (never stored by hand). */
export interface NumberUsage {
  /** Outbound messages from the number that failed or went undelivered since `since`. */
  errors: number;
  /** Messages sent from and received on the number since `since`. */
  volume: number;
  /** The last message sent from or received on the number, ever. */
  lastUsedAt: Date | null;
}

export interface DeliveryErrorRecord {
  to: string;
  code: string | null;
  message: string | null;
  at: Date;
}

/** The provider's two webhook endpoints (API.md "Twilio webhooks"). */
export type WebhookEndpoint = 'inbound' | 'status';

const asDate = (v: unknown): Date | null => (v ? new Date(v as string) : null);

/** What the provider's outbound and inbound records say about numbers: usage and delivery errors (numbers asks). */
const usage = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;

  return {
    /** The refused-webhook counter (one row per minute, bounded whatever the traffic): created at bootstrap. */
    async ensureTables(): Promise<void> {
      await knex()
        .raw(`CREATE TABLE IF NOT EXISTS ${TABLES.webhookRefusals} (minute timestamptz PRIMARY KEY, refused integer NOT NULL)`)
        .catch(async (error) => {
          // Two nodes booting at once: the other one created it.
          if (!(await knex().schema.hasTable(TABLES.webhookRefusals))) throw error;
        });
      // The last signed webhook per endpoint (integration status): one row per endpoint, whatever the traffic.
      await knex()
        .raw(`CREATE TABLE IF NOT EXISTS ${TABLES.webhookReceipts} (endpoint text PRIMARY KEY, last_received_at timestamptz NOT NULL, received bigint NOT NULL)`)
        .catch(async (error) => {
          if (!(await knex().schema.hasTable(TABLES.webhookReceipts))) throw error;
        });
    },

    /** A signed webhook arrived at `endpoint` (inbound SMS or status callback). */
    async countWebhookReceived(endpoint: WebhookEndpoint): Promise<void> {
      await knex().raw(
        `INSERT INTO ${TABLES.webhookReceipts} (endpoint, last_received_at, received) VALUES (?, ?, 1) ON CONFLICT (endpoint) DO UPDATE SET last_received_at = EXCLUDED.last_received_at, received = ${TABLES.webhookReceipts}.received + 1`,
        [endpoint, systemClock.now()],
      );
    },

    /** Per endpoint: when a signed webhook last arrived (null: never) and how many ever did. */
    async webhookActivity(): Promise<Record<WebhookEndpoint, { lastReceivedAt: string | null; received: number }>> {
      const rows = await knex()(TABLES.webhookReceipts).select('endpoint', 'last_received_at', 'received');
      const of = (endpoint: WebhookEndpoint) => {
        const row = rows.find((r: { endpoint: string }) => r.endpoint === endpoint);
        return { lastReceivedAt: row ? new Date(row.last_received_at).toISOString() : null, received: Number(row?.received ?? 0) };
      };
      return { inbound: of('inbound'), status: of('status') };
    },

    /** A webhook refused for its signature (forged, misdirected, or signed with another token): counted per minute. */
    async countWebhookRefusal(): Promise<void> {
      const minute = new Date(Math.floor(+systemClock.now() / 60_000) * 60_000);
      await knex().raw(`INSERT INTO ${TABLES.webhookRefusals} (minute, refused) VALUES (?, 1) ON CONFLICT (minute) DO UPDATE SET refused = ${TABLES.webhookRefusals}.refused + 1`, [minute]);
    },

    /** Webhooks refused for their signature since `since` (alerts' provider_error). */
    async webhookRefusalsSince(since: Date): Promise<number> {
      const [row] = await knex()(TABLES.webhookRefusals).where('minute', '>=', new Date(Math.floor(+since / 60_000) * 60_000)).sum({ n: 'refused' });
      return Number(row?.n ?? 0);
    },

    /** SMS waiting to go out (queued, sending or waiting for a retry): the delivery queue's backlog. */
    async deliveryBacklog(): Promise<number> {
      const [row] = await knex()(TABLES.outbound).whereIn('status', [...WAITING_STATUSES]).count({ n: '*' });
      return Number(row?.n ?? 0);
    },

    /** Per number: delivery errors and volume since `since`, and the last use ever; every asked number answers. */
    async numberUsage(e164s: string[], since: Date): Promise<Map<string, NumberUsage>> {
      const out = new Map<string, NumberUsage>(e164s.map((e) => [e, { errors: 0, volume: 0, lastUsedAt: null }]));
      if (e164s.length === 0) return out;
      const outbound = await knex()(TABLES.outbound)
        .whereIn('from_number', e164s)
        .groupBy('from_number')
        .select('from_number as e164')
        .select(knex().raw("count(*) filter (where status in ('failed','undelivered') and updated_at >= ?) as errors", [since]))
        .select(knex().raw('count(*) filter (where created_at >= ?) as volume', [since]))
        .select(knex().raw('max(created_at) as last'));
      const inbound = await knex()(TABLES.inboundReceipt)
        .whereIn('to_number', e164s)
        .groupBy('to_number')
        .select('to_number as e164')
        .select(knex().raw('count(*) filter (where created_at >= ?) as volume', [since]))
        .select(knex().raw('max(created_at) as last'));
      for (const r of outbound) {
        const u = out.get(r.e164)!;
        u.errors += Number(r.errors);
        u.volume += Number(r.volume);
        u.lastUsedAt = asDate(r.last);
      }
      for (const r of inbound) {
        const u = out.get(r.e164)!;
        u.volume += Number(r.volume);
        const last = asDate(r.last);
        if (last && (!u.lastUsedAt || last > u.lastUsedAt)) u.lastUsedAt = last;
      }
      return out;
    },

    /** The newest failed or undelivered sends from one number since `since`, at most `limit`. */
    async deliveryErrors(e164: string, since: Date, limit: number): Promise<DeliveryErrorRecord[]> {
      const rows = await knex()(TABLES.outbound)
        .where('from_number', e164)
        .whereIn('status', ['failed', 'undelivered'])
        .where('updated_at', '>=', since)
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .select('to_number', 'error_code', 'error_message', 'updated_at');
      return rows.map((e: any) => ({ to: e.to_number, code: e.error_code, message: e.error_message, at: new Date(e.updated_at) }));
    },
  };
};

export type UsageService = ReturnType<typeof usage>;
export default usage;
