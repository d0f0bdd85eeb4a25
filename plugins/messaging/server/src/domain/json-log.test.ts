import { jsonLogLine, logs } from './json-log';

describe('the send log line', () => {
  const at = new Date('2026-12-04T15:41:39.891Z');

  it('is one JSON line with the fields, level, message, service and timestamp, keys sorted', () => {
    const line = jsonLogLine('info', 'message sent', { transport: 'socket', conversation_id: '11', duration_ms: 61.1, masquerade: false }, 'messaging', at);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line).toBe(
      '{"conversation_id":"11","duration_ms":61.1,"level":"info","masquerade":false,"message":"message sent","service":"messaging","timestamp":"2026-12-04T15:41:39.891Z","transport":"socket"}\n',
    );
  });

  it('leaves out undefined fields and escapes what JSON needs', () => {
    const line = jsonLogLine('error', 'message send refused', { reason: 'a "quoted"\nline', trace_id: undefined }, 'messaging', at);
    expect(JSON.parse(line)).toEqual({ level: 'error', message: 'message send refused', reason: 'a "quoted"\nline', service: 'messaging', timestamp: at.toISOString() });
    expect(line).not.toContain('trace_id');
  });

  it('writes a level only at or above the threshold (npm levels)', () => {
    expect(logs('info', 'info')).toBe(true);
    expect(logs('error', 'info')).toBe(true);
    expect(logs('info', 'warn')).toBe(false);
    expect(logs('info', 'error')).toBe(false);
    expect(logs('debug', 'silly')).toBe(true);
  });
});
