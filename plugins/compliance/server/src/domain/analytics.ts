/**
 * The analytics' shapes (API.md "Compliance": response-times and volume), pure: the figures messaging's `stats`
 * computed, named (threads, sitters, number classes) and rounded, and each chart's CSV.
 */
export interface GroupFigures {
  questions: number;
  answered: number;
  averageSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
  withinSla: number;
  counted: number;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** SLA compliance in percent, one decimal; null when no question counts yet. */
export const slaPercent = (g: Pick<GroupFigures, 'withinSla' | 'counted'>): number | null => (g.counted === 0 ? null : Math.round((1000 * g.withinSla) / g.counted) / 10);

export interface ResponseRow {
  averageSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
  questions: number;
  answered: number;
  slaCompliancePercent: number | null;
}

export function responseRow(g: GroupFigures): ResponseRow {
  return { averageSeconds: round1(g.averageSeconds), p50Seconds: round1(g.p50Seconds), p90Seconds: round1(g.p90Seconds), questions: g.questions, answered: g.answered, slaCompliancePercent: slaPercent(g) };
}

/** Who replied: a sitter's `user:<id>`, or "staff". */
export function replierOf(key: string): { sitterId: number | null } {
  const m = /^user:(\d+)$/.exec(key);
  return { sitterId: m ? Number(m[1]) : null };
}

export const NUMBER_CLASS_LABELS: Record<string, string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool', unknown: 'Not in the inventory' };
export const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Adds up each number's messages by its class (a number no longer in the inventory counts as "unknown"). */
export function byNumberClass(byNumber: Array<{ businessNumber: string; messages: number }>, classOf: Map<string, string>): Array<{ numberClass: string; messages: number }> {
  const totals = new Map<string, number>();
  for (const row of byNumber) {
    const cls = classOf.get(row.businessNumber) ?? 'unknown';
    totals.set(cls, (totals.get(cls) ?? 0) + row.messages);
  }
  return [...totals.entries()].map(([numberClass, messages]) => ({ numberClass, messages })).sort((a, b) => b.messages - a.messages);
}

const cell = (v: number | null) => (v === null ? '' : String(v));

/** Each chart's data as a CSV table: its header and rows. */
export function chartTable(chart: string, data: { responseTimes?: any; volume?: any }): { header: string[]; rows: string[][] } {
  const r = data.responseTimes;
  const v = data.volume;
  const responseHeader = ['questions', 'answered', 'average seconds', 'p50 seconds', 'p90 seconds', 'SLA compliance %'];
  const responseCells = (x: ResponseRow) => [String(x.questions), String(x.answered), cell(x.averageSeconds), cell(x.p50Seconds), cell(x.p90Seconds), cell(x.slaCompliancePercent)];
  switch (chart) {
    case 'response-by-thread':
      return { header: ['thread', 'client', ...responseHeader], rows: r.byThread.map((t: any) => [t.conversationId, t.label, ...responseCells(t)]) };
    case 'response-by-sitter':
      return { header: ['sitter', ...responseHeader], rows: r.bySitter.map((s: any) => [s.displayName, ...responseCells(s)]) };
    case 'response-trend':
      return { header: ['day', ...responseHeader], rows: r.trend.map((d: any) => [d.day, ...responseCells(d)]) };
    case 'volume-series':
      return { header: ['period starting', 'messages'], rows: v.series.map((s: any) => [s.bucket, String(s.messages)]) };
    case 'volume-by-number-class':
      return { header: ['number class', 'messages'], rows: v.byNumberClass.map((c: any) => [NUMBER_CLASS_LABELS[c.numberClass] ?? c.numberClass, String(c.messages)]) };
    case 'volume-by-thread':
      return { header: ['thread', 'client', 'messages'], rows: v.byThread.map((t: any) => [String(t.conversationId), t.label, String(t.messages)]) };
    default:
      return { header: ['day', 'hour', 'messages'], rows: v.peakHours.map((p: any) => [DAY_NAMES[p.dayOfWeek], `${String(p.hour).padStart(2, '0')}:00`, String(p.messages)]) };
  }
}
