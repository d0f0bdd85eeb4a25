import { numberSettingsSchema } from './settings';

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
