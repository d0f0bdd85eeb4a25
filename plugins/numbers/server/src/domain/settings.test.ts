import { healthThresholdsProblem, numberSettingsSchema } from './settings';
import { healthOf } from './inventory';

describe('numbers settings (OPS §3.8 "Cooldown periods cannot be set below 30 days")', () => {
  it.each([
    [{ cooldownDays: 20 }, 'Invalid setting value. Cooldown period cannot be shorter than 30 days. Use valid range: 30–365.'],
    [{ cooldownDays: 366 }, 'Invalid setting value. Cooldown period cannot be longer than 365 days. Use valid range: 30–365.'],
    [{ cooldownDays: 45.5 }, 'Invalid setting value. The cooldown period is a whole number. Use valid range: 30–365.'],
    [{ cooldownDays: '90' }, 'Invalid setting value. The cooldown period is a whole number. Use valid range: 30–365.'],
    [{ cooldown: 90 }, 'Unknown setting: cooldown.'],
  ])('refuses %j', (change, sentence) => {
    const parsed = numberSettingsSchema.safeParse(change);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toBe(sentence);
  });

  it.each([[{ cooldownDays: 30 }], [{ cooldownDays: 365 }], [{}]])('accepts %j', (change) => {
    expect(numberSettingsSchema.parse(change)).toEqual(change);
  });
});

describe('health thresholds (OPS §3.1 health, an owner setting)', () => {
  it('takes each within its range, and red must need more errors than yellow', () => {
    expect(numberSettingsSchema.parse({ healthWarningErrors: 2, healthCriticalErrors: 5 })).toEqual({ healthWarningErrors: 2, healthCriticalErrors: 5 });
    expect(numberSettingsSchema.safeParse({ healthWarningErrors: 0 }).success).toBe(false);
    expect(healthThresholdsProblem({ healthWarningErrors: 2, healthCriticalErrors: 5 })).toBeNull();
    expect(healthThresholdsProblem({ healthWarningErrors: 3, healthCriticalErrors: 3 })).toBe('Invalid setting value. A number turns red at more delivery errors than it turns yellow (now 3 and 3). Use valid range: 4–1000 for red.');
  });

  it('colours a number by them', () => {
    expect([0, 1, 2, 3].map((e) => healthOf(e))).toEqual(['healthy', 'warning', 'warning', 'critical']);
    expect([0, 1, 2, 3, 5].map((e) => healthOf(e, { warning: 2, critical: 5 }))).toEqual(['healthy', 'healthy', 'warning', 'warning', 'critical']);
  });
});
