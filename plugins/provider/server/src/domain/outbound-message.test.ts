import { describeProviderError } from './provider-errors';
import {
  afterFailedAttempt,
  deliveryUpdate,
  isClaimable,
  publicStatus,
  statusCallbackChange,
  statusesBefore,
  toDeliveryView,
  toOutboundRow,
  type OutboundRow,
} from './outbound-message';

const row: OutboundRow = {
  id: 7,
  messageRef: 'm-1',
  fromNumber: '+14155550100',
  toNumber: '+14155550199',
  body: 'Hi',
  status: 'queued',
  attempts: 0,
  providerMessageId: null,
  errorCode: null,
  errorMessage: null,
  deadLettered: false,
};

describe('toOutboundRow', () => {
  it('reads a row from the query engine (camelCase) and from knex (snake_case) alike', () => {
    const snake = { id: 7, message_ref: 'm-1', from_number: '+14155550100', to_number: '+14155550199', body: 'Hi', status: 'queued', attempts: 0, provider_message_id: null, error_code: null, error_message: null, dead_lettered: false };
    expect(toOutboundRow(snake)).toEqual(row);
    expect(toOutboundRow({ ...row })).toEqual(row);
  });

  it('reads a missing dead-letter flag as false and missing ids as null', () => {
    expect(toOutboundRow({ id: 1, messageRef: 'x', fromNumber: 'a', toNumber: 'b', body: '', status: 'sent', attempts: 1 })).toMatchObject({ deadLettered: false, providerMessageId: null, errorCode: null });
  });
});

describe('isClaimable: a worker only sends a row still waiting', () => {
  it.each([
    ['queued', null, false, true],
    ['retrying', null, false, true],
    ['sending', null, false, false],
    ['sent', 'SM1', false, false],
    ['delivered', 'SM1', false, false],
    ['failed', null, true, false],
    ['queued', 'SM1', false, false],
    ['queued', null, true, false],
  ] as const)('%s, provider id %p, dead-lettered %p → %p', (status, providerMessageId, deadLettered, claimable) => {
    expect(isClaimable({ status, providerMessageId, deadLettered })).toBe(claimable);
  });
});

describe('publicStatus and deliveryUpdate', () => {
  it.each([
    ['retrying', 'queued'],
    ['queued', 'queued'],
    ['sending', 'sending'],
    ['delivered', 'delivered'],
    ['failed', 'failed'],
  ] as const)('%s is heard as %s', (stored, heard) => {
    expect(publicStatus(stored)).toBe(heard);
    expect(deliveryUpdate({ ...row, status: stored }, null).status).toBe(heard);
  });

  it('tells listeners the row, its dead-letter flag and the problem', () => {
    const problem = { code: 30003, message: 'Off.', nextStep: 'Later.' };
    expect(deliveryUpdate({ ...row, status: 'failed', deadLettered: true }, problem)).toEqual({ outboundId: 7, messageRef: 'm-1', status: 'failed', deadLettered: true, problem });
  });
});

describe('afterFailedAttempt (at most 3 automatic attempts, OPS §4.7)', () => {
  it.each([
    [1, 20503, true, 'retrying', undefined],
    [2, 20503, true, 'retrying', undefined],
    [3, 20503, false, 'failed', true],
    [1, 21610, false, 'failed', true],
    [2, 30003, false, 'failed', true],
  ])('attempt %i failing with error %i: retry %p, stored %s, dead-lettered %p', (attempts, code, retry, status, deadLettered) => {
    const problem = describeProviderError({ code });
    const decision = afterFailedAttempt(attempts, 3, problem);
    expect(decision.retry).toBe(retry);
    expect(decision.change).toEqual({ status, errorCode: problem.code, errorMessage: problem.message, ...(deadLettered ? { deadLettered } : {}) });
  });
});

describe('statusCallbackChange: the state only moves forward', () => {
  it.each([
    ['queued', 'sent', true],
    ['retrying', 'sent', true],
    ['sending', 'delivered', true],
    ['sent', 'delivered', true],
    ['sent', 'undelivered', true],
    ['delivered', 'sent', false],
    ['delivered', 'delivered', false],
    ['failed', 'delivered', false],
    ['sent', 'sending', false],
  ] as const)('%s → %s moves: %p', (current, next, moves) => {
    expect(statusCallbackChange(current, next, null) !== null).toBe(moves);
  });

  it.each([
    ['queued', []],
    ['sending', ['queued', 'retrying']],
    ['sent', ['queued', 'retrying', 'sending']],
    ['delivered', ['queued', 'retrying', 'sending', 'sent']],
    ['undelivered', ['queued', 'retrying', 'sending', 'sent']],
    ['failed', ['queued', 'retrying', 'sending', 'sent']],
  ] as const)('a %s callback may move a send only from %p (the guard of its update)', (next, from) => {
    expect(statusesBefore(next)).toEqual(from);
  });

  it('stores the error code with its sentence and reports the next step', () => {
    const problem = describeProviderError({ code: 30003 });
    expect(statusCallbackChange('sent', 'undelivered', 30003)).toEqual({
      change: { status: 'undelivered', errorCode: 30003, errorMessage: problem.message },
      problem: { code: 30003, message: problem.message, nextStep: problem.nextStep },
    });
  });

  it('leaves the stored error alone when the callback carries none', () => {
    expect(statusCallbackChange('sent', 'delivered', null)).toEqual({ change: { status: 'delivered' }, problem: null });
  });
});

describe('toDeliveryView', () => {
  it('shows staff the numbers as to and from, without the body', () => {
    expect(toDeliveryView({ ...row, status: 'failed', attempts: 3, errorCode: 30003, errorMessage: 'Off.', deadLettered: true })).toEqual({
      id: 7,
      messageRef: 'm-1',
      to: '+14155550199',
      from: '+14155550100',
      status: 'failed',
      attempts: 3,
      errorCode: 30003,
      errorMessage: 'Off.',
      deadLettered: true,
    });
  });
});
