import { alertFromEvent, SEVERITY_OF } from './alert-types';
import { ruleDue, ruleText, targetProblem } from './rules';
import { DEFAULT_ALERT_SETTINGS, failureRateBreached } from './settings';

const at = '2027-01-20T10:00:00.000Z';
const event = (type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type, at, subject: { type: 'x', id: '7' }, conversationId: '42', data, ...extra });

describe('alertFromEvent: each source event as the alert it raises', () => {
  it.each<[string, ReturnType<typeof event>, Record<string, unknown> | null]>([
    ['a delivery failure: one alert per thread, each failure counted once', event('delivery_failure', { title: 'Delivery failure: Avery Stone - Unreachable', reason: 'Unreachable', errorCode: 30003, attempts: 3, clientName: 'Avery Stone' }), { type: 'delivery_failure', sourceKey: 'delivery_failure:thread:42', occurrenceKey: 'failure:7', title: 'Delivery failure: Avery Stone - Unreachable', description: 'Unreachable (error 30003) after 3 attempts.' }],
    ['a policy violation: one alert per violation', event('policy_violation', { title: 'Policy violation: Casey Morgan - Phone number', actionTaken: 'blocked', redactedText: 'Text me on [phone number].', sender: { displayName: 'Sam Sitter' } }), { type: 'policy_violation', sourceKey: 'policy_violation:7', description: 'Sam Sitter\'s message was blocked: "Text me on [phone number]." Review it on the Policy violations page.' }],
    ['a window conflict: one per thread', event('window_conflict', {}), { type: 'window_conflict', sourceKey: 'window_conflict:42' }],
    ['an automation failure: one per automation, with its pause', event('automation_failed', { title: 'Automation paused: Leaky', error: 'Not sent.', paused: true, reason: 'Paused after 5 failed executions in a row.' }), { type: 'automation_failed', sourceKey: 'automation_failed:7', description: 'Not sent. Paused after 5 failed executions in a row.', related: { automationId: '7', conversationId: '42' } }],
    ['a task: each its own', event('task', { title: 'Task: Call Jordan', automationName: 'Follow-up' }), { type: 'task', sourceKey: `task:7:${at}` }],
    ['a new thread (info)', event('thread_created', { clientName: 'Robin Hale', businessNumber: '+14155550100', how: 'inbound' }), { type: 'thread_created', sourceKey: 'thread_created:7', title: 'New thread: Robin Hale', related: { conversationId: '42', clientName: 'Robin Hale', number: '+14155550100' } }],
    ['a number assigned (info), each change its own', event('number_assigned', { e164: '+14155550142', change: 'assigned', sitterName: 'Sam Sitter', title: 'Number assigned: +1 (415) 555-0142 to Sam Sitter' }, { conversationId: undefined }), { type: 'number_assigned', sourceKey: `number_assigned:7:${at}`, title: 'Number assigned: +1 (415) 555-0142 to Sam Sitter', related: { number: '+14155550142' } }],
    ['an unknown event raises nothing', event('booking_created', {}), null],
  ])('%s', (_name, e, expected) => {
    const alert = alertFromEvent(e);
    if (expected === null) expect(alert).toBeNull();
    else expect(alert).toMatchObject(expected);
  });

  it('severities follow API.md', () => {
    expect(['delivery_failure', 'policy_violation', 'number_health', 'provider_error'].map((t) => SEVERITY_OF[t as keyof typeof SEVERITY_OF])).toEqual(['critical', 'critical', 'critical', 'critical']);
    expect(['window_conflict', 'automation_failed', 'sla_breach', 'cooldown_ending'].map((t) => SEVERITY_OF[t as keyof typeof SEVERITY_OF])).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(['thread_created', 'window_starting', 'number_assigned', 'task', 'cooldown_complete'].map((t) => SEVERITY_OF[t as keyof typeof SEVERITY_OF])).toEqual(['info', 'info', 'info', 'info', 'info']);
  });
});

describe('escalation rules', () => {
  const created = new Date('2027-01-20T10:00:00Z');
  const alert = { severity: 'critical' as const, type: 'delivery_failure' as const, createdAt: created };
  it.each<[string, Parameters<typeof ruleDue>[0], Date, boolean]>([
    ['due at the minute', { when: { severity: 'critical', unresolvedMinutes: 15 } }, new Date(+created + 15 * 60_000), true],
    ['not yet', { when: { severity: 'critical', unresolvedMinutes: 15 } }, new Date(+created + 14 * 60_000), false],
    ['another severity', { when: { severity: 'warning', unresolvedMinutes: 1 } }, new Date(+created + 60 * 60_000), false],
    ['another type', { when: { type: 'policy_violation', unresolvedMinutes: 1 } }, new Date(+created + 60 * 60_000), false],
    ['any alert', { when: { unresolvedMinutes: 60 } }, new Date(+created + 60 * 60_000), true],
  ])('%s', (_name, rule, now, due) => {
    expect(ruleDue(rule, alert, now)).toBe(due);
  });

  it('reads in words and checks its target', () => {
    expect(ruleText({ when: { severity: 'critical', unresolvedMinutes: 15 }, target: { type: 'owners' } }, 'Owners')).toBe('Critical alerts unresolved for 15 minutes → Owners');
    expect(ruleText({ when: { type: 'sla_breach', unresolvedMinutes: 120 }, target: { type: 'admin_user', adminUserId: 3 } }, 'Ada Admin')).toBe('sla breach alerts unresolved for 2 hours → Ada Admin');
    expect(targetProblem({ type: 'admin_user' })).toBe('Escalation failed. Check target configuration.');
    expect(targetProblem({ type: 'owners', adminUserId: 3 })).toBe('Escalation failed. Check target configuration.');
    expect(targetProblem({ type: 'admin_user', adminUserId: 3 })).toBeNull();
  });
});

describe('failureRateBreached', () => {
  it.each<[number, number, boolean]>([
    [100, 5, false],
    [100, 6, true],
    [19, 19, false],
    [20, 2, true],
  ])('%i sent, %i failed → %s (over 5 %%, at least 20 sent)', (sent, failed, breached) => {
    expect(failureRateBreached(sent, failed, DEFAULT_ALERT_SETTINGS)).toBe(breached);
  });
});
