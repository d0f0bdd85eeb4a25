import { describeProviderError, problemSentence, PROVIDER_ERROR_CODES, refusalStatus, type ProviderProblem } from './provider-errors';

// OPS §1.7 and §5.5: the provider is an implementation detail, and people never read its plumbing or telecom jargon.
const FORBIDDEN = /twilio|\bsids?\b|webhook|console|\bapis?\b|handset|carrier|e\.164|\bsms\b|a2p|10dlc|\bnull\b|undefined/i;
const CATEGORIES: ProviderProblem['category'][] = ['credentials', 'account', 'number', 'recipient', 'content', 'carrier', 'rate_limit', 'outage', 'unknown'];

describe('PROVIDER_ERROR_CODES', () => {
  const entries = Object.entries(PROVIDER_ERROR_CODES);

  it('has entries to walk', () => {
    expect(entries.length).toBeGreaterThanOrEqual(24);
  });

  it.each(entries)('%s reads as a sentence with a next step and no jargon', (_code, problem) => {
    expect(problem.message).toMatch(/^[A-Z].*\.$/);
    expect(problem.nextStep).toMatch(/^[A-Z].*\.$/);
    expect(problem.message).not.toMatch(FORBIDDEN);
    expect(problem.nextStep).not.toMatch(FORBIDDEN);
    expect(CATEGORIES).toContain(problem.category);
    expect(typeof problem.retryable).toBe('boolean');
  });

  it('never gives two codes the same sentence and next step', () => {
    const texts = entries.map(([, p]) => `${p.message} ${p.nextStep}`);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('describeProviderError', () => {
  // [code, category, retryable]: the codes the product must explain.
  it.each([
    [20003, 'credentials', false],
    [20404, 'number', false],
    [20429, 'rate_limit', true],
    [20500, 'outage', true],
    [20503, 'outage', true],
    [21211, 'recipient', false],
    [21212, 'number', false],
    [21408, 'account', false],
    [21422, 'number', false],
    [21452, 'number', false],
    [21602, 'content', false],
    [21606, 'number', false],
    [21608, 'account', false],
    [21610, 'recipient', false],
    [21612, 'carrier', false],
    [21614, 'recipient', false],
    [21617, 'content', false],
    [30001, 'rate_limit', true],
    [30002, 'account', false],
    [30003, 'recipient', false],
    [30004, 'recipient', false],
    [30005, 'recipient', false],
    [30006, 'recipient', false],
    [30007, 'carrier', false],
    [30008, 'carrier', true],
  ] as const)('%i is %s, retryable %s', (code, category, retryable) => {
    const problem = describeProviderError({ code });
    expect(problem).toMatchObject({ code, category, retryable });
    expect(problem.message).toBe(PROVIDER_ERROR_CODES[code].message);
  });

  it('tells an owner whose credentials stopped working where to fix them', () => {
    expect(describeProviderError({ code: 20003, status: 401, message: 'Authenticate' })).toEqual({
      code: 20003,
      category: 'credentials',
      retryable: false,
      message: 'The messaging provider did not accept the saved account details, so nothing can be sent or bought right now.',
      nextStep: 'Open Provider Settings, enter your account details again and test the connection.',
    });
  });

  it('explains an opted-out recipient and how they can opt back in', () => {
    expect(describeProviderError({ code: 21610, status: 400 })).toEqual({
      code: 21610,
      category: 'recipient',
      retryable: false,
      message: 'The message could not be sent because this recipient replied STOP and has opted out of texts from this number.',
      nextStep: 'Reach them another way; they can text START to this number to receive messages again.',
    });
  });

  it('explains a switched-off phone without blaming anyone', () => {
    expect(describeProviderError({ code: 30003 })).toEqual({
      code: 30003,
      category: 'recipient',
      retryable: false,
      message: "The message was not delivered because the recipient's phone is switched off or out of signal.",
      nextStep: 'Try again later, or reach them another way.',
    });
  });

  it.each([500, 503])('keeps an invalid or opted-out recipient non-retryable even beside a %i status', (status) => {
    expect(describeProviderError({ code: 21211, status }).retryable).toBe(false);
    expect(describeProviderError({ code: 21610, status }).retryable).toBe(false);
  });

  it.each([
    [99999, 400, false],
    [99999, 500, true],
    [99999, 503, true],
    [12345, null, false],
    [12345, undefined, false],
  ] as const)('turns unknown code %i (status %s) into a sentence support can trace, retryable %s', (code, status, retryable) => {
    const problem = describeProviderError({ code, status });
    expect(problem).toMatchObject({ code, category: 'unknown', retryable });
    expect(problem.message).toContain(`error ${code}`);
    expect(problem.message).toMatch(/\.$/);
    expect(problem.nextStep).toContain(`error ${code}`);
    expect(problem.nextStep).toContain('contact support');
    expect(`${problem.message} ${problem.nextStep}`).not.toMatch(FORBIDDEN);
  });

  it.each([
    [401, 'credentials', false],
    [404, 'number', false],
    [429, 'rate_limit', true],
    [500, 'outage', true],
    [502, 'outage', true],
    [503, 'outage', true],
    [400, 'unknown', false],
  ] as const)('reads status %i without a code as %s, retryable %s', (status, category, retryable) => {
    const problem = describeProviderError({ code: null, status });
    expect(problem).toMatchObject({ code: null, category, retryable });
    expect(problem.message).toMatch(/\.$/);
    expect(problem.message).not.toMatch(FORBIDDEN);
  });

  it.each([
    'connect ECONNREFUSED 127.0.0.1:443',
    'read ECONNRESET',
    'getaddrinfo ENOTFOUND api.example.com',
    'getaddrinfo EAI_AGAIN api.example.com',
    'timeout of 30000ms exceeded',
    'socket hang up',
    'fetch failed',
  ])('treats the network failure "%s" as an outage worth retrying', (message) => {
    expect(describeProviderError({ message })).toEqual({
      code: null,
      category: 'outage',
      retryable: true,
      message: 'Switchboard could not reach the messaging provider.',
      nextStep: 'Messages wait in the queue and are retried automatically; if this lasts more than a few minutes, contact support.',
    });
  });

  it.each([
    [{ message: "Cannot read properties of undefined (reading 'sid')" }],
    [{}],
    [{ code: null, status: null, message: null }],
  ])('does not mistake a failure with nothing to go on (%j) for an outage', (input) => {
    const problem = describeProviderError(input);
    expect(problem).toMatchObject({ code: null, category: 'unknown', retryable: false });
    expect(problem.message).toBe('The messaging provider could not complete the request.');
    expect(problem.nextStep).toBe('Try again in a few minutes; if it keeps happening, contact support.');
  });

  it("never repeats the provider's raw wording to a person", () => {
    const raw = "The 'To' number +1555 is not a valid phone number. Twilio request SID RE123";
    const problem = describeProviderError({ code: 21211, status: 400, message: raw });
    expect(problem.message).not.toContain(raw);
    expect(problem.nextStep).not.toContain(raw);
  });

  it('returns a copy, so a caller cannot edit the shared table', () => {
    const problem = describeProviderError({ code: 21602 });
    problem.message = 'changed.';
    expect(describeProviderError({ code: 21602 }).message).toBe('The message could not be sent because it is empty.');
  });
});

describe('problemSentence', () => {
  it.each([
    [{ message: 'The number is taken.', nextStep: 'Choose another.' }, 'The number is taken. Choose another.'],
    [{ message: 'The number is taken.', nextStep: '' }, 'The number is taken.'],
  ])('%j reads %p', (problem, sentence) => {
    expect(problemSentence(problem)).toBe(sentence);
  });

  it.each(Object.keys(PROVIDER_ERROR_CODES).map(Number))('error %i reads as what happened, then what to do', (code) => {
    const problem = describeProviderError({ code });
    expect(problemSentence(problem)).toBe(`${problem.message} ${problem.nextStep}`);
  });
});

describe('refusalStatus', () => {
  it.each([
    [20003, 400],
    [20404, 400],
    [20429, 502],
    [20500, 502],
    [20503, 502],
    [21211, 400],
    [21422, 400],
    [21452, 400],
    [30001, 502],
    [30003, 400],
    [30008, 502],
  ])('error %i answers %i', (code, status) => {
    expect(refusalStatus(describeProviderError({ code }))).toBe(status);
  });

  it.each([
    ['a network failure', { message: 'connect ECONNREFUSED 127.0.0.1:1' }, 502],
    ['a provider 5xx without a code', { status: 500 }, 502],
    ['a provider 4xx without a code', { status: 400 }, 400],
    ['an unknown code', { code: 99999 }, 400],
  ])('%s answers %i', (_label, input, status) => {
    expect(refusalStatus(describeProviderError(input))).toBe(status);
  });
});
