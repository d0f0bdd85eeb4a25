/** Latency figures a benchmark reports: nearest-rank percentiles over every sample, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** The nearest-rank percentile (p in 0–100) of samples already sorted ascending; null when there are none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (p <= 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((a, b) => a + b, 0);
  return {
    count: list.length,
    p50: percentileOfSorted(list, 50),
    p95: percentileOfSorted(list, 95),
    p99: percentileOfSorted(list, 99),
    max: list[list.length - 1],
    mean: sum / list.length,
  };
}

/**
 * The delivery ledger of one benchmark run: which recipients each message was meant for and how many times each
 * one heard it. A message is lost for a recipient that never heard it, duplicated for one that heard it twice.
 */
export interface DeliveryCount {
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
}

export function countDeliveries(expected: ReadonlyMap<string, ReadonlySet<string>>, heard: ReadonlyMap<string, ReadonlyMap<string, number>>): DeliveryCount {
  let total = 0;
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [messageTag, recipients] of expected) {
    const times = heard.get(messageTag);
    for (const recipient of recipients) {
      total += 1;
      const n = times?.get(recipient) ?? 0;
      if (n === 0) lost += 1;
      else delivered += 1;
      if (n > 1) duplicated += n - 1;
    }
  }
  // Hearing a message one was never meant to hear is a duplicate too (a leak would show here first).
  for (const [messageTag, times] of heard) {
    const recipients = expected.get(messageTag);
    for (const [recipient, n] of times) if (!recipients?.has(recipient)) duplicated += n;
  }
  return { expected: total, delivered, lost, duplicated };
}
