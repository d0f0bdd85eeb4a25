import { SLO_DELIVERY_P50_MS, SLO_DELIVERY_P95_MS } from '@switchboard/messaging';

/**
 * PRD §10 "SLOs (initial)", checked over the last hour across every node: real-time delivery p50 ≤ 300 ms and
 * p95 ≤ 800 ms, and the send API's error rate under 0.5 %. A missed target is a provider_error (issue 21 item 1).
 * The delivery targets are messaging's, which counts each delivery against them.
 */
export const SLO = { deliveryP50Ms: SLO_DELIVERY_P50_MS, deliveryP95Ms: SLO_DELIVERY_P95_MS, sendErrorPercent: 0.5, windowMinutes: 60 } as const;
/** Fewer samples than this in the window say nothing (two slow deliveries at night are not a missed target). */
export const SLO_MIN_SAMPLES = 50;

export interface SloFigures {
  sendAttempts: number;
  sendFailures: number;
  deliveries: number;
  withinP50Target: number;
  withinP95Target: number;
}

export interface SloMiss {
  sourceKey: string;
  title: string;
  description: string;
}

const percent = (n: number) => (Math.round(n * 10) / 10).toString();

/** The targets the figures miss, each with its alert's key and words. Pure. */
export function sloMisses(f: SloFigures, minSamples = SLO_MIN_SAMPLES): SloMiss[] {
  const misses: SloMiss[] = [];
  if (f.deliveries >= minSamples) {
    const slowP50 = f.withinP50Target / f.deliveries < 0.5;
    const slowP95 = f.withinP95Target / f.deliveries < 0.95;
    if (slowP50 || slowP95) {
      const which = [slowP50 ? `p50 over ${SLO.deliveryP50Ms} ms` : null, slowP95 ? `p95 over ${SLO.deliveryP95Ms} ms` : null].filter(Boolean).join(' and ');
      misses.push({
        sourceKey: 'provider_error:slo_delivery',
        title: `SLO missed: real-time delivery ${which} in the last ${SLO.windowMinutes} minutes`,
        description: `Of ${f.deliveries} real-time deliveries, ${percent((f.withinP50Target / f.deliveries) * 100)}% took at most ${SLO.deliveryP50Ms} ms and ${percent((f.withinP95Target / f.deliveries) * 100)}% at most ${SLO.deliveryP95Ms} ms (targets: half and 95%). Check the servers' load and the database pool on the metrics endpoint.`,
      });
    }
  }
  if (f.sendAttempts >= minSamples && (f.sendFailures / f.sendAttempts) * 100 >= SLO.sendErrorPercent) {
    misses.push({
      sourceKey: 'provider_error:slo_send_errors',
      title: `SLO missed: ${percent((f.sendFailures / f.sendAttempts) * 100)}% of sends failed in the last ${SLO.windowMinutes} minutes`,
      description: `${f.sendFailures} of ${f.sendAttempts} sends failed on the server (the target is under ${SLO.sendErrorPercent}%). Check the servers' logs for message.send errors.`,
    });
  }
  return misses;
}
