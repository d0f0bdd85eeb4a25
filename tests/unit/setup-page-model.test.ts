import { buyQuestion, checkText, checksOf, headline, isOpen, monthlyCost, numberResultsOf, parseNumberList, progressText, shownStep, statusLabel, type Step, type WizardView } from '../../plugins/setup/admin/src/pages/Setup/model';

const KEYS = [
  ['connect_provider', 'Connect provider', true],
  ['verify_connectivity', 'Verify connectivity', true],
  ['front_desk_number', 'Front Desk number', true],
  ['sitter_numbers', 'Sitter numbers', false],
  ['pool_numbers', 'Pool numbers', false],
  ['webhooks', 'Webhook installation', true],
  ['readiness', 'System readiness', true],
] as const;

function view(statuses: Partial<Record<string, Step['status']>>, current: Step['key'] | null, patch: Partial<WizardView> = {}): WizardView {
  return {
    mode: 'twilio',
    ready: false,
    completedAt: null,
    current,
    steps: KEYS.map(([key, label, required], i) => ({ n: i + 1, key, label, required, status: statuses[key] ?? 'pending' })),
    webhookUrls: { inboundUrl: 'https://x/api/in', statusUrl: 'https://x/api/status' },
    allowsProviderAddress: false,
    ...patch,
  };
}

describe('the setup wizard page model (issue 22)', () => {
  it('opens a step only once every step before it is done; a skipped optional step counts as done', () => {
    const v = view({ connect_provider: 'complete', verify_connectivity: 'complete', front_desk_number: 'complete', sitter_numbers: 'skipped' }, 'pool_numbers');
    expect(KEYS.map(([key]) => isOpen(v, key))).toEqual([true, true, true, true, true, false, false]);
    const failed = view({ connect_provider: 'failed' }, 'connect_provider');
    expect(isOpen(failed, 'verify_connectivity')).toBe(false);
  });

  it('shows the chosen step when it is open, else where the wizard resumes, else the last step', () => {
    const v = view({ connect_provider: 'complete' }, 'verify_connectivity');
    expect(shownStep(v, 'connect_provider').key).toBe('connect_provider');
    expect(shownStep(v, 'webhooks').key).toBe('verify_connectivity');
    expect(shownStep(v, null).key).toBe('verify_connectivity');
    const all = view(Object.fromEntries(KEYS.map(([k]) => [k, 'complete'])), null);
    expect(shownStep(all, null).key).toBe('readiness');
  });

  it('says where the wizard is and how each step stands', () => {
    expect(progressText(view({}, 'connect_provider'))).toBe('Step 1 of 7: Connect provider');
    expect(progressText(view({}, null))).toBe('All 7 steps done');
    const v = view({ connect_provider: 'complete', verify_connectivity: 'failed', sitter_numbers: 'skipped' }, 'verify_connectivity');
    expect(v.steps.map(statusLabel)).toEqual(['Done', 'Failed', 'To do', 'Skipped', 'Optional', 'To do', 'To do']);
  });

  it('heads the page with the sandbox, the gate while a real provider is being set up, or the spec’s ready sentence', () => {
    expect(headline(view({}, 'connect_provider', { mode: 'sandbox', ready: true })).tone).toBe('neutral');
    expect(headline(view({}, 'front_desk_number')).text).toMatch(/^Setup incomplete\. Complete required steps to continue\./);
    expect(headline(view({}, null, { ready: true }))).toEqual({ tone: 'success', text: 'Messaging system is ready!' });
  });

  it('reads a pasted list one per line, by commas or spaces, without blanks or repeats', () => {
    expect(parseNumberList(' +12065550101\n\n+12065550102, PN0123;+12065550101  ')).toEqual(['+12065550101', '+12065550102', 'PN0123']);
    expect(parseNumberList('  \n ')).toEqual([]);
  });

  it('prices numbers and asks before buying', () => {
    expect(monthlyCost({ amount: '1.15', currency: 'USD' })).toBe('$1.15 a month');
    expect(monthlyCost({ amount: '1.00', currency: 'EUR' })).toBe('1.00 EUR a month');
    expect(buyQuestion('+1 (415) 555-0100', { amount: '1.15', currency: 'USD' })).toBe('Buy +1 (415) 555-0100 for $1.15 a month?');
    expect(buyQuestion('3 sitter numbers in area code 206', { amount: '1.15', currency: 'USD' })).toBe('Buy 3 sitter numbers in area code 206 for $1.15 a month each?');
    expect(buyQuestion('+1 (415) 555-0100', null)).toBe('Buy +1 (415) 555-0100?');
  });

  it('reads the checks and per-number results a step saved, and nothing from a result without them', () => {
    const result = { checks: [{ name: 'Account balance', ok: true, warning: true, detail: '2.00 USD' }, { name: 'Account access', ok: false }], numbers: [{ number: '+12065550101', ok: true }] };
    expect(checksOf(result).map(checkText)).toEqual(['Account balance: Warning (2.00 USD)', 'Account access: Failed']);
    expect(numberResultsOf(result)).toEqual([{ number: '+12065550101', ok: true }]);
    expect([checksOf(undefined), numberResultsOf({ numbers: 'x' }), checksOf(null)]).toEqual([[], [], []]);
  });
});
