import { boundClientReport, clientMetricsReportSchema } from './client-metrics';

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
    ['more than 50 durations', { sendToAckMs: Array.from({ length: 51 }, () => 1) }],
    ['a fractional count', { reconnectAttempts: 1.5 }],
    ['a count over 100', { orderingRepairs: 101 }],
    ['an unknown field (no free-form labels)', { label: 'x' }],
    ['not an object', [1, 2]],
    ['a number as text', { sendToAckMs: ['12'] }],
  ])('refuses %s', (_, report) => {
    expect(clientMetricsReportSchema.safeParse(report).success).toBe(false);
  });
});

describe('boundClientReport: a report counts no more samples than its connection earned and has not reported', () => {
  it.each([
    ['as many as it did', { sendToAckMs: [1, 2], deliveryMs: [3] }, { sends: 2, heard: 1 }, { sendToAckMs: [1, 2], deliveryMs: [3] }, { sends: 0, heard: 0 }],
    ['more acks than sends', { sendToAckMs: [1, 2, 3] }, { sends: 1, heard: 9 }, { sendToAckMs: [1], deliveryMs: undefined }, { sends: 0, heard: 9 }],
    ['deliveries without hearing anything', { deliveryMs: [600_000, 600_000] }, { sends: 0, heard: 0 }, { sendToAckMs: undefined, deliveryMs: [] }, { sends: 0, heard: 0 }],
    ['counts only: the credit stays for the samples still to come', { reconnectAttempts: 3 }, { sends: 2, heard: 4 }, { reconnectAttempts: 3, sendToAckMs: undefined, deliveryMs: undefined }, { sends: 2, heard: 4 }],
    ['fewer samples than earned', { sendToAckMs: [7], deliveryMs: [1, 2] }, { sends: 3, heard: 5 }, { sendToAckMs: [7], deliveryMs: [1, 2] }, { sends: 2, heard: 3 }],
  ])('%s', (_, report, credit, counted, left) => {
    expect(boundClientReport(report, credit)).toEqual({ report: counted, left });
  });

  it('a report that crossed an ack on the wire does not lose that send: the next report still counts its sample', () => {
    // The server acknowledged one send (credit 1); the client's periodic report left before the ack arrived.
    const crossed = boundClientReport({ reconnectAttempts: 1 }, { sends: 1, heard: 0 });
    expect(crossed.left).toEqual({ sends: 1, heard: 0 });
    const next = boundClientReport({ sendToAckMs: [34] }, crossed.left);
    expect(next.report.sendToAckMs).toEqual([34]);
    expect(next.left).toEqual({ sends: 0, heard: 0 });
    // And that sample cannot be reported twice.
    expect(boundClientReport({ sendToAckMs: [34] }, next.left).report.sendToAckMs).toEqual([]);
  });
});
