import { clientMetricsReportSchema } from './client-metrics';

describe('clientMetricsReportSchema (socket event metrics:report)', () => {
  it.each([
    ['an empty report', {}],
    ['every field', { sendToAckMs: [12.5, 0], deliveryMs: [3], reconnectAttempts: 2, reconnectSuccesses: 1, orderingRepairs: 0 }],
    ['the longest allowed duration', { sendToAckMs: [600_000] }],
  ])('accepts %s', (_, report) => {
    expect(clientMetricsReportSchema.safeParse(report).success).toBe(true);
  });

  it.each([
    ['a negative duration', { sendToAckMs: [-1] }],
    ['a duration over ten minutes', { deliveryMs: [600_001] }],
    ['more than 200 durations', { sendToAckMs: Array.from({ length: 201 }, () => 1) }],
    ['a fractional count', { reconnectAttempts: 1.5 }],
    ['a count over 1,000', { orderingRepairs: 1_001 }],
    ['an unknown field (no free-form labels)', { label: 'x' }],
    ['not an object', [1, 2]],
    ['a number as text', { sendToAckMs: ['12'] }],
  ])('refuses %s', (_, report) => {
    expect(clientMetricsReportSchema.safeParse(report).success).toBe(false);
  });
});
