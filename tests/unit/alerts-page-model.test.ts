import { ALERT_TYPE_OPTIONS, attentionCount, badgeText, emptyRuleForm, groupBySeverity, historyQuery, menuLabel, relatedLinks, repeatText, ruleBody, ruleForm } from '../../plugins/alerts/admin/src/pages/Alerts/model';

const alert = (id: string, severity: 'critical' | 'warning' | 'info', related = {}) => ({ id, severity, related, count: 1 }) as any;

describe('the Alerts page model (issue 21)', () => {
  it('groups critical, then warning, then info, leaving out empty groups', () => {
    const groups = groupBySeverity([alert('1', 'info'), alert('2', 'critical'), alert('3', 'info'), alert('4', 'critical')]);
    expect(groups.map((g) => [g.severity, g.alerts.map((a) => a.id)])).toEqual([
      ['critical', ['2', '4']],
      ['info', ['1', '3']],
    ]);
  });

  it('counts critical and warning alerts for the badge, never info', () => {
    expect(attentionCount({ critical: 2, warning: 1, info: 7 })).toBe(3);
    expect(attentionCount(null)).toBe(0);
    expect(badgeText(3)).toBe('3');
    expect(badgeText(120)).toBe('99+');
    expect(menuLabel(0)).toBe('Alerts');
    expect(menuLabel(1)).toBe('Alerts, 1 needs attention');
    expect(menuLabel(2)).toBe('Alerts, 2 need attention');
  });

  it('links a thread to the inbox, a number to the inventory and an automation to its page', () => {
    expect(relatedLinks(alert('1', 'critical', { conversationId: '42', clientName: 'Avery Stone', number: '+14155550100', automationId: 'abc', automationName: 'Booking confirmation' }))).toEqual([
      { label: "Open Avery Stone's thread", href: '/admin/plugins/messaging/42' },
      { label: 'Number +14155550100', href: '/admin/plugins/numbers' },
      { label: 'Automation Booking confirmation', href: '/admin/plugins/automations/abc' },
    ]);
    expect(relatedLinks(alert('2', 'info'))).toEqual([]);
    // A number whose webhooks drifted: the link to the integration status, where Repair webhooks is.
    expect(relatedLinks({ type: 'provider_error', related: { number: '+12065550105' } } as any)).toEqual([
      { label: 'Number +12065550105', href: '/admin/plugins/numbers' },
      { label: 'Repair webhooks in System settings', href: '/admin/plugins/system-settings' },
    ]);
  });

  it('says how often a repeated alert was seen', () => {
    expect(repeatText({ count: 1 }, '2 min ago')).toBeNull();
    expect(repeatText({ count: 10 }, '2 min ago')).toBe('10 times, last 2 min ago');
  });
});

describe('the escalation rule form and history filters (issue 21)', () => {
  it('turns the form into the route’s rule, leaving out "any" and naming an admin only for a named-admin target', () => {
    const form = { ...emptyRuleForm(), name: '  Warnings to Ada ', severity: 'warning' as const, unresolvedMinutes: 30, target: 'admin_user' as const, adminUserId: '7' };
    expect(ruleBody(form)).toEqual({ name: 'Warnings to Ada', active: true, when: { severity: 'warning', unresolvedMinutes: 30 }, target: { type: 'admin_user', adminUserId: 7 } });
    expect(ruleBody({ ...emptyRuleForm(), severity: 'any', type: 'sla_breach', adminUserId: '7' })).toEqual({ name: '', active: true, when: { type: 'sla_breach', unresolvedMinutes: 15 }, target: { type: 'owners' } });
  });

  it('reads a saved rule back into the form', () => {
    const rule = { id: '1', name: 'Critical alerts to owners', active: false, when: { severity: 'critical', unresolvedMinutes: 15 }, target: { type: 'owners' } } as any;
    expect(ruleForm(rule)).toEqual({ name: 'Critical alerts to owners', active: false, severity: 'critical', type: 'any', unresolvedMinutes: 15, target: 'owners', adminUserId: '' });
    expect(ruleBody(ruleForm(rule))).toEqual({ name: 'Critical alerts to owners', active: false, when: { severity: 'critical', unresolvedMinutes: 15 }, target: { type: 'owners' } });
  });

  it('asks for the history by whole local days and type', () => {
    const q = new URLSearchParams(historyQuery({ from: '2027-01-19', to: '2027-01-19', type: 'delivery_failure' }, 2));
    expect(q.get('page')).toBe('2');
    expect(+new Date(q.get('to')!) - +new Date(q.get('from')!)).toBe(86_400_000);
    expect(new Date(q.get('from')!).getTime()).toBe(new Date('2027-01-19T00:00:00').getTime());
    expect(q.get('type')).toBe('delivery_failure');
    expect(new URLSearchParams(historyQuery({ from: '', to: '', type: 'any' })).toString()).toBe('page=1&pageSize=50');
  });

  it('names every alert type in words', () => {
    expect(ALERT_TYPE_OPTIONS.find((o) => o.value === 'sla_breach')?.label).toBe('SLA breach');
    expect(ALERT_TYPE_OPTIONS).toHaveLength(15);
  });
});
