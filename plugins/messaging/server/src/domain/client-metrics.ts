import { z } from 'zod';

/**
 * What a chat client reports about itself (PRD §10): the parts of the real-time experience only the client
 * can see. Sent as the socket event `metrics:report`; every field is optional and bounded, so a buggy or
 * hostile client can move a counter a little but cannot flood the registry with labels.
 */
const duration = z.number().finite().min(0).max(600_000);
const durations = z.array(duration).max(200);
const count = z.number().int().min(0).max(1_000);

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
