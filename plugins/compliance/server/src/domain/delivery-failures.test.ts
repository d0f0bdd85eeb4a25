import { failureCsvRow, failureStatusAfter, failureTitle, failureView, retryable, type StoredFailure } from './delivery-failures';

const problem = { code: 30003, message: "The message was not delivered because the recipient's phone is switched off or out of signal.", nextStep: 'Try again later, or reach them another way.' };

describe('what a delivery update means for the feed', () => {
  it.each([
    ['a dead letter', { status: 'failed', deadLettered: true, problem }, 'failed'],
    ['the network refused it', { status: 'undelivered', deadLettered: false, problem }, 'failed'],
    ['a failed callback', { status: 'failed', deadLettered: false, problem }, 'failed'],
    ['an attempt failed, another will follow', { status: 'queued', deadLettered: false, problem }, 'retrying'],
    ['it went out after all', { status: 'sent', deadLettered: false, problem: null }, 'delivered'],
    ['it was delivered', { status: 'delivered', deadLettered: false, problem: null }, 'delivered'],
    ['an ordinary queued step', { status: 'queued', deadLettered: false, problem: null }, null],
    ['sending', { status: 'sending', deadLettered: false, problem: null }, null],
  ])('%s', (_, change, expected) => {
    expect(failureStatusAfter(change)).toBe(expected);
  });

  it('offers the Owner a retry only while a failure waits', () => {
    expect(['failed', 'retrying', 'stuck', 'resolved'].filter((s) => retryable(s as never))).toEqual(['failed', 'stuck']);
  });

  it('titles the alert with the thread and the reason (OPS §4.7)', () => {
    expect(failureTitle('Avery Stone', '+14155550197', problem.message)).toBe(`Delivery failure: Avery Stone - ${problem.message}`);
    expect(failureTitle(null, '+14155550197', 'x')).toBe('Delivery failure: +14155550197 - x');
  });
});

describe('the feed’s rows', () => {
  const row: StoredFailure = {
    id: 7,
    outboundId: 3,
    messageId: '123',
    conversationId: '9',
    clientName: 'Avery Stone',
    recipient: '+14155550197',
    errorCode: 30003,
    reason: problem.message,
    nextStep: problem.nextStep,
    attempts: 3,
    status: 'resolved',
    retryable: false,
    firstFailedAt: '2026-12-01T17:00:00.000Z',
    lastFailedAt: '2026-12-01T17:05:00.000Z',
    resolvedAt: '2026-12-02T09:00:00.000Z',
    resolution: 'manual',
    resolvedBy: 'Olivia Owner',
    note: '=called instead',
  };

  it('shapes API.md’s DeliveryFailure with its thread and resolution', () => {
    expect(failureView(row)).toEqual({
      id: '7',
      messageId: '123',
      errorCode: 30003,
      reason: problem.message,
      nextStep: problem.nextStep,
      attempts: 3,
      status: 'resolved',
      retryable: false,
      conversationId: '9',
      thread: { clientName: 'Avery Stone', recipient: '+14155550197' },
      createdAt: '2026-12-01T17:00:00.000Z',
      lastFailedAt: '2026-12-01T17:05:00.000Z',
      resolution: { at: '2026-12-02T09:00:00.000Z', how: 'manual', by: 'Olivia Owner', note: '=called instead' },
    });
  });

  it('writes one CSV row per failure, a delivered resolution said in words', () => {
    expect(failureCsvRow(failureView(row))).toEqual(['7', '2026-12-01T17:00:00.000Z', 'Avery Stone', '+14155550197', '9', '123', '30003', problem.message, '3', 'Resolved', '2026-12-02T09:00:00.000Z', 'Olivia Owner', '=called instead']);
    expect(failureCsvRow(failureView({ ...row, resolution: 'delivered', resolvedBy: null, note: null }))[11]).toBe('Delivered on a later attempt');
  });
});
