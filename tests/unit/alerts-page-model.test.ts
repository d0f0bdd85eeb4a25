import { attentionCount, badgeText, groupBySeverity, menuLabel, relatedLinks, repeatText } from '../../plugins/alerts/admin/src/pages/Alerts/model';

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
  });

  it('says how often a repeated alert was seen', () => {
    expect(repeatText({ count: 1 }, '2 min ago')).toBeNull();
    expect(repeatText({ count: 10 }, '2 min ago')).toBe('10 times, last 2 min ago');
  });
});
