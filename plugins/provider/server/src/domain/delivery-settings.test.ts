import { defaultDeliverySettings, deliverySettingsSchema } from './delivery-settings';

describe('delivery settings (OPS §3.8 "Delivery Settings")', () => {
  it('defaults to three attempts in all and the environment backoff', () => {
    expect(defaultDeliverySettings({ DELIVERY_RETRY_BASE_MS: 2_000, DELIVERY_RETRY_MAX_MS: 60_000 })).toEqual({ retries: 2, backoffSeconds: 2, maxBackoffSeconds: 60, timeoutMinutes: 10 });
  });

  it.each([
    [{ retries: 4 }, 'Invalid setting value. Retry attempts cannot be above 3. Use valid range: 0–3.'],
    [{ retries: -1 }, 'Invalid setting value. Retry attempts cannot be below 0. Use valid range: 0–3.'],
    [{ timeoutMinutes: 0 }, 'Invalid setting value. The delivery timeout in minutes cannot be below 1. Use valid range: 1–1440.'],
    [{ backoff: 'linear' }, 'Unknown setting: backoff.'],
  ])('refuses %j', (change, sentence) => {
    expect(deliverySettingsSchema.safeParse(change).error!.issues[0].message).toBe(sentence);
  });

  it('accepts no retries at all', () => {
    expect(deliverySettingsSchema.parse({ retries: 0 })).toEqual({ retries: 0 });
  });
});
