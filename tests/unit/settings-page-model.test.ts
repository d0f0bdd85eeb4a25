import { SECTIONS, quietHoursValue, rangeHint, sectionChange, typedNumber } from '../../plugins/setup/admin/src/pages/Settings/model';

describe('the settings page model (issue 23)', () => {
  it('lists OPS §3.8’s sections, each field once', () => {
    expect(SECTIONS.map((s) => s.section)).toEqual(['organisation', 'delivery', 'routing', 'numbers', 'policy', 'automations', 'alerts', 'templates']);
    const keys = SECTIONS.flatMap((s) => s.fields.map((f) => `${s.section}.${f.field}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['numbers.cooldownDays', 'alerts.slaMinutes', 'routing.poolAutoResponse', 'templates.reassignment', 'delivery.retries']));
  });

  it('sends only what changed in one section, or nothing', () => {
    const saved = { numbers: { cooldownDays: 90 }, alerts: { slaMinutes: 15, failureRatePercent: 5 } };
    expect(sectionChange(saved, { ...saved, alerts: { slaMinutes: 20, failureRatePercent: 5 } }, 'alerts')).toEqual({ alerts: { slaMinutes: 20 } });
    expect(sectionChange(saved, { ...saved, alerts: { slaMinutes: 20, failureRatePercent: 5 } }, 'numbers')).toBeNull();
    expect(sectionChange({ automations: { quietHours: null } }, { automations: { quietHours: { start: '21:00', end: '08:00' } } }, 'automations')).toEqual({ automations: { quietHours: { start: '21:00', end: '08:00' } } });
    expect(sectionChange({ automations: { quietHours: { start: '21:00', end: '08:00' } } }, { automations: { quietHours: { start: '21:00', end: '08:00' } } }, 'automations')).toBeNull();
  });

  it('reads a number as typed, leaving anything else for the server’s sentence', () => {
    expect([typedNumber(' 30 '), typedNumber('2.5'), typedNumber('thirty'), typedNumber('')]).toEqual([30, 2.5, 'thirty', '']);
  });

  it('says each field’s range, in characters for text', () => {
    const ranges = { 'numbers.cooldownDays': { min: 30, max: 365 }, 'routing.poolAutoResponse': { min: 1, max: 320 } };
    expect(rangeHint(ranges, 'numbers', { field: 'cooldownDays', label: 'x', kind: 'number' })).toBe('Range: 30–365.');
    expect(rangeHint(ranges, 'routing', { field: 'poolAutoResponse', label: 'x', kind: 'textarea' })).toBe('1–320 characters.');
    expect(rangeHint(ranges, 'organisation', { field: 'timeZone', label: 'x', kind: 'zone', hint: 'An IANA zone.' })).toBe('An IANA zone.');
    expect(rangeHint({}, 'policy', { field: 'warnSender', label: 'x', kind: 'boolean' })).toBeUndefined();
  });

  it('turns quiet hours off as null', () => {
    expect([quietHoursValue(false, '21:00', '08:00'), quietHoursValue(true, '22:00', '07:00')]).toEqual([null, { start: '22:00', end: '07:00' }]);
  });
});
