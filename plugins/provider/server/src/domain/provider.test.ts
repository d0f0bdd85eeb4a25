import { advancesStatus, deliveryStatusFrom, isFinalStatus } from './provider';

describe('delivery status', () => {
  it.each([
    ['queued', 'queued'],
    ['accepted', 'queued'],
    ['sending', 'sending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['something-new', 'sending'],
  ])('maps %s to %s', (word, status) => {
    expect(deliveryStatusFrom(word)).toBe(status);
  });

  it.each([
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'sent', false],
    ['delivered', 'undelivered', false],
    ['sent', 'sent', false],
  ] as const)('%s → %s advances: %s', (from, to, advances) => {
    expect(advancesStatus(from, to)).toBe(advances);
  });

  it('knows the final states', () => {
    expect(['delivered', 'undelivered', 'failed'].every((s) => isFinalStatus(s as any))).toBe(true);
    expect(isFinalStatus('sent')).toBe(false);
  });
});
