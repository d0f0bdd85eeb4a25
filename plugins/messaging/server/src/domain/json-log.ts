/**
 * The send log's JSON lines (PRD §10 tags), written straight to stdout: the same fields and order (keys sorted) as
 * winston's json format gave, without its stream pipeline, which cost about 3 % of a node's CPU per send (issue 24).
 */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether a line at `level` is written when the node logs at `threshold` (npm levels: error is the most severe). */
export function logs(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}

/** One line: the fields, then level, message, service and timestamp, every key in code-point order. */
export function jsonLogLine(level: LogLevel, message: string, fields: Record<string, unknown>, service: string, at: Date): string {
  const entry: Record<string, unknown> = { ...fields, level, message, service, timestamp: at.toISOString() };
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(entry).sort()) if (entry[key] !== undefined) sorted[key] = entry[key];
  return `${JSON.stringify(sorted)}\n`;
}
