/**
 * What this client measures of itself for the server's PRD §10 metrics, sent as `metrics:report`:
 * the time from a person's send to its acknowledgement, reconnects tried and made, and merges that had to
 * repair the order. Pure: the caller passes the clock; `take()` hands over what was gathered and starts again.
 */
import { defaults } from '../../../config/src/defaults';

export interface ClientMetricsReport {
  sendToAckMs?: number[];
  reconnectAttempts?: number;
  reconnectSuccesses?: number;
  orderingRepairs?: number;
}

// What the server accepts in one report (plugins/messaging domain/client-metrics.ts); beyond it, the whole report is refused.
const MAX_DURATIONS = defaults.clientReportMaxSamples;
const MAX_COUNT = defaults.clientReportMaxCount;

export class ClientMetrics {
  private started = new Map<string, number>();
  private durations: number[] = [];
  private attempts = 0;
  private successes = 0;
  private repairs = 0;

  /** The first time a message is handed to the socket; a retry keeps the first time (what the person waited). */
  sendStarted(idempotencyKey: string, now: number): void {
    if (!this.started.has(idempotencyKey)) this.started.set(idempotencyKey, now);
  }

  sendAcked(idempotencyKey: string, now: number): void {
    const at = this.started.get(idempotencyKey);
    if (at === undefined) return;
    this.started.delete(idempotencyKey);
    if (this.durations.length < MAX_DURATIONS) this.durations.push(Math.max(0, Math.min(600_000, now - at)));
  }

  reconnectAttempt(): void {
    this.attempts = Math.min(MAX_COUNT, this.attempts + 1);
  }

  reconnectSuccess(): void {
    this.successes = Math.min(MAX_COUNT, this.successes + 1);
  }

  orderingRepair(count = 1): void {
    this.repairs = Math.min(MAX_COUNT, this.repairs + count);
  }

  /** What to report now, or null when there is nothing new; the counters start again from zero. */
  take(): ClientMetricsReport | null {
    const report: ClientMetricsReport = {};
    if (this.durations.length) report.sendToAckMs = this.durations;
    if (this.attempts) report.reconnectAttempts = this.attempts;
    if (this.successes) report.reconnectSuccesses = this.successes;
    if (this.repairs) report.orderingRepairs = this.repairs;
    this.durations = [];
    this.attempts = this.successes = this.repairs = 0;
    return Object.keys(report).length ? report : null;
  }
}
