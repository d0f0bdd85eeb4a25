import { joinEventSchema, sendEventSchema, syncEventSchema, takeReportToken, typingEventSchema } from './socket-input';

describe('socket payloads', () => {
  it.each([
    [joinEventSchema, { conversationId: '12' }, true],
    [joinEventSchema, { conversationId: 12 }, true],
    [joinEventSchema, { conversationId: ['12'] }, false],
    [joinEventSchema, { conversationId: '012' }, false],
    [joinEventSchema, { conversationId: 2_147_483_648 }, false],
    [joinEventSchema, { conversationId: '12', extra: 1 }, false],
    [typingEventSchema, { conversationId: '1', typing: true }, true],
    [typingEventSchema, { conversationId: '1', typing: 'yes' }, false],
    [syncEventSchema, { conversationId: '1', sinceId: 0 }, true],
    [syncEventSchema, { conversationId: '1', sinceId: -1 }, false],
    [sendEventSchema, { conversationId: '1', bodyHtml: 'hi' }, true],
    [sendEventSchema, { bodyHtml: 'hi' }, false],
  ] as const)('%#: %j → %s', (schema, payload, ok) => {
    expect((schema as any).safeParse(payload).success).toBe(ok);
  });

  it('reads sinceId as a string', () => {
    expect(syncEventSchema.parse({ conversationId: 1, sinceId: 0 }).sinceId).toBe('0');
  });
});

describe('takeReportToken', () => {
  const rule = { perMinute: 6, burst: 2 };
  it.each([
    ['a full bucket allows', { tokens: 2, refilledAt: 0 }, 0, true, 1],
    ['an empty bucket refuses', { tokens: 0, refilledAt: 0 }, 1_000, false, 0.1],
    ['ten seconds bring one back', { tokens: 0, refilledAt: 0 }, 10_000, true, 0],
    ['never more than the burst', { tokens: 2, refilledAt: 0 }, 3_600_000, true, 1],
  ])('%s', (_, budget, now, allowed, left) => {
    const result = takeReportToken(budget, now, rule);
    expect(result.allowed).toBe(allowed);
    expect(result.budget.tokens).toBeCloseTo(left);
    expect(result.budget.refilledAt).toBe(now);
  });
});
