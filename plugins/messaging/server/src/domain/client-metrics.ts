import { z } from 'zod';
import { defaults } from '@switchboard/config';

/**
 * What a chat client reports about itself (PRD §10): the parts of the real-time experience only the client
 * can see. Sent as the socket event `metrics:report`; every field is optional and bounded, so a buggy or
 * hostile client can move a counter a little but cannot flood the registry with labels.
 */
const duration = z.number().finite().min(0).max(600_000);
const durations = z.array(duration).max(defaults.clientReportMaxSamples);
const count = z.number().int().min(0).max(defaults.clientReportMaxCount);

export const clientMetricsReportSchema = z.strictObject({
  /** message:send call → ack, per message (optimistic_send_duration_to_ack_ms). */
  sendToAckMs: durations.optional(),
  /** when the client can tell: the sender's send time → this client's message:new (real_time_delivery_latency_ms). */
  deliveryMs: durations.optional(),
  /** socket reconnects tried and succeeded since the last report. */
  reconnectAttempts: count.optional(),
  reconnectSuccesses: count.optional(),
  /** merges that had to re-order or de-duplicate messages since the last report (ordering_repair_events_count). */
  orderingRepairs: count.optional(),
});

export type ClientMetricsReport = z.output<typeof clientMetricsReportSchema>;

/** What a connection has earned and not yet reported: sends it had acknowledged, `message:new` events it heard. */
export interface ReportCredit {
  sends: number;
  heard: number;
}

/**
 * What of a report may count: send → ack samples no more than the acknowledged sends not yet reported, delivery
 * samples no more than the messages heard and not yet reported; the rest is dropped, so one client cannot outweigh
 * the others in the service-level figures. The credit left is what the counted samples did not use: a report sent
 * before an acknowledgement arrived (it crossed the ack on the wire) does not spend the credit of the send it could
 * not yet time, so the next report's sample of that send still counts.
 */
export function boundClientReport(report: ClientMetricsReport, credit: ReportCredit): { report: ClientMetricsReport; left: ReportCredit } {
  const sendToAckMs = report.sendToAckMs?.slice(0, Math.max(0, credit.sends));
  const deliveryMs = report.deliveryMs?.slice(0, Math.max(0, credit.heard));
  return {
    report: { ...report, sendToAckMs, deliveryMs },
    left: { sends: Math.max(0, credit.sends - (sendToAckMs?.length ?? 0)), heard: Math.max(0, credit.heard - (deliveryMs?.length ?? 0)) },
  };
}
