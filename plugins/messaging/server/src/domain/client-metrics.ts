import { z } from 'zod';
import { defaults } from '@switchboard/config';

/**
 * What a chat client reports about itself (PRD §10): the parts of the real-time experience only the client
 * can see. Sent as the socket event `metrics:report`; every field is optional and bounded, so a buggy or
 * hostile client can move a counter a little but cannot flood the registry with labels.
 */
const duration = z.number().finite().min(0).max(600_000);
const durations = z.array(duration).max(defaults.clientReportMaxSamples);
// A client reports every 15 s; a hundred reconnects in that time is already far past anything real.
const count = z.number().int().min(0).max(100);

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

/**
 * What of a report may count: send → ack samples no more than the sends this connection had acknowledged since its
 * last report, delivery samples no more than the messages it heard; the rest is dropped, so one client cannot
 * outweigh the others in the service-level figures.
 */
export function boundClientReport(report: ClientMetricsReport, since: { sends: number; heard: number }): ClientMetricsReport {
  return {
    ...report,
    sendToAckMs: report.sendToAckMs?.slice(0, Math.max(0, since.sends)),
    deliveryMs: report.deliveryMs?.slice(0, Math.max(0, since.heard)),
  };
}
