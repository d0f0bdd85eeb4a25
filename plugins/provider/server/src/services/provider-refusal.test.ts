import { statusOf, toAck } from '@switchboard/kit';
import { describeProviderError } from '../domain/provider-errors';
import { asProviderRefusal, isProviderRefusal, problemOf, providerRefusal } from './provider-refusal';

describe('providerRefusal: a provider failure as the refusal its caller answers with', () => {
  it.each([
    ['a number someone else bought first', 21422, 400, 'ValidationError'],
    ['an area code without numbers', 21452, 400, 'ValidationError'],
    ['saved credentials the provider refuses', 20003, 400, 'ValidationError'],
    ['the provider being rate limited', 20429, 502, 'ProviderUnavailableError'],
    ['an outage', 20503, 502, 'ProviderUnavailableError'],
  ])('%s (error %i) answers %i %s with the sentence and the next step', (_label, code, status, name) => {
    const problem = describeProviderError({ code });
    const refusal = providerRefusal(problem);
    expect(statusOf(refusal)).toBe(status);
    expect(refusal.name).toBe(name);
    expect(refusal.message).toBe(`${problem.message} ${problem.nextStep}`);
    expect(refusal.problem).toEqual(problem);
  });

  it('keeps the problem out of what is serialised for a browser or a socket ack', () => {
    const refusal = providerRefusal(describeProviderError({ code: 21422 }));
    expect(Object.keys(refusal)).not.toContain('problem');
    expect(JSON.stringify(toAck(refusal))).not.toContain('"category"');
  });
});

describe('problemOf and asProviderRefusal', () => {
  it('reads the problem a refusal carries', () => {
    const problem = describeProviderError({ code: 30003 });
    expect(problemOf(providerRefusal(problem))).toBe(problem);
  });

  it.each([
    ['an SDK error with a provider code', Object.assign(new Error('The number is unavailable'), { code: 21422, status: 400 }), 21422, false],
    ['an SDK error with only an HTTP status', Object.assign(new Error('Service Unavailable'), { status: 503 }), null, true],
    ['a refused connection', new Error('connect ECONNREFUSED 127.0.0.1:9'), null, true],
    ['something that is not an error at all', 'boom', null, false],
    ['nothing', undefined, null, false],
  ])('describes %s', (_label, thrown, code, retryable) => {
    expect(problemOf(thrown)).toMatchObject({ code, retryable });
    const refusal = asProviderRefusal(thrown);
    expect(isProviderRefusal(refusal)).toBe(true);
    expect(statusOf(refusal)).toBe(retryable ? 502 : 400);
    expect(refusal.message).not.toContain('ECONNREFUSED');
  });

  it('passes a refusal through unchanged', () => {
    const refusal = providerRefusal(describeProviderError({ code: 20404 }));
    expect(asProviderRefusal(refusal)).toBe(refusal);
  });

  it('does not mistake another error with a problem field for a provider refusal', () => {
    expect(isProviderRefusal(Object.assign(new Error('x'), { problem: { code: 1 } }))).toBe(false);
  });
});
