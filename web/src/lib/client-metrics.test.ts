import { ClientMetrics } from './client-metrics';
import { clientMetricsReportSchema } from '../../../plugins/messaging/server/src/domain/client-metrics';

describe('client metrics', () => {
  it('times a send from its first attempt to its acknowledgement, once', () => {
    const m = new ClientMetrics();
    m.sendStarted('k1', 1_000);
    m.sendStarted('k1', 1_500); // a retry keeps the first time
    m.sendStarted('k2', 1_200);
    m.sendAcked('k1', 1_040);
    m.sendAcked('k1', 1_090); // a second ack of the same key is not counted again
    m.sendAcked('unknown', 2_000);
    expect(m.take()).toEqual({ sendToAckMs: [40] });
    m.sendAcked('k2', 1_230);
    expect(m.take()).toEqual({ sendToAckMs: [30] });
  });

  it('counts reconnects and ordering repairs, and starts again after each report', () => {
    const m = new ClientMetrics();
    expect(m.take()).toBeNull();
    m.reconnectAttempt();
    m.reconnectAttempt();
    m.reconnectSuccess();
    m.orderingRepair(3);
    expect(m.take()).toEqual({ reconnectAttempts: 2, reconnectSuccesses: 1, orderingRepairs: 3 });
    expect(m.take()).toBeNull();
  });

  it('stays inside what the server accepts: 50 durations and counts up to 100 per report', () => {
    const m = new ClientMetrics();
    for (let i = 0; i < 250; i++) {
      m.sendStarted(`k${i}`, 0);
      m.sendAcked(`k${i}`, 5);
    }
    for (let i = 0; i < 1_200; i++) m.reconnectAttempt();
    const report = m.take()!;
    expect(report.sendToAckMs).toHaveLength(50);
    expect(report.reconnectAttempts).toBe(100);
    // The server's own schema takes it whole (it refuses a report with more, losing every figure in it).
    expect(clientMetricsReportSchema.safeParse(report).success).toBe(true);
  });
});
