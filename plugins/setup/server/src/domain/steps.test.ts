import { PROVIDER_CHANGED, batchProgressText, blockingStep, reopenLaterSteps, requiredComplete, wizardView, type SavedWizard } from './steps';

const at = '2027-01-20T10:00:00.000Z';
const done = (status: 'complete' | 'skipped' | 'failed') => ({ status, at });

describe('the wizard’s steps (OPS §3.9)', () => {
  it('resumes at the first step not done; optional steps may be skipped, required ones may not', () => {
    expect(wizardView({}).current).toBe('connect_provider');
    const saved: SavedWizard = { connect_provider: done('complete'), verify_connectivity: done('complete'), front_desk_number: done('complete'), sitter_numbers: done('skipped') };
    expect(wizardView(saved).current).toBe('pool_numbers');
    expect(wizardView({ ...saved, pool_numbers: done('skipped'), webhooks: done('failed') }).current).toBe('webhooks');
    expect(wizardView({ connect_provider: done('skipped') }).current).toBe('connect_provider');
  });

  it('opens a step only when every step before it is done', () => {
    expect(blockingStep('connect_provider', {})).toBeNull();
    expect(blockingStep('front_desk_number', { connect_provider: done('complete') })?.key).toBe('verify_connectivity');
    expect(blockingStep('webhooks', { connect_provider: done('complete'), verify_connectivity: done('complete'), front_desk_number: done('complete'), sitter_numbers: done('skipped') })?.key).toBe('pool_numbers');
    expect(blockingStep('webhooks', { connect_provider: done('complete'), verify_connectivity: done('complete'), front_desk_number: done('complete'), sitter_numbers: done('skipped'), pool_numbers: done('complete') })).toBeNull();
    expect(blockingStep('verify_connectivity', { connect_provider: done('failed') })?.key).toBe('connect_provider');
  });

  it('finishes only with every required step complete', () => {
    const required: SavedWizard = { connect_provider: done('complete'), verify_connectivity: done('complete'), front_desk_number: done('complete'), webhooks: done('complete'), readiness: done('complete') };
    expect(requiredComplete(required)).toBe(true);
    expect(requiredComplete({ ...required, readiness: done('failed') })).toBe(false);
  });

  it('a new provider connection reopens every later step that ran, keeping its result; step 1 and steps never run stay', () => {
    const later = '2027-01-21T10:00:00.000Z';
    const saved: SavedWizard = { connect_provider: done('complete'), verify_connectivity: done('complete'), sitter_numbers: { status: 'failed', result: { target: { areaCode: '415', quantity: 3 } }, at } };
    expect(reopenLaterSteps(saved, later)).toEqual({
      connect_provider: done('complete'),
      verify_connectivity: { status: 'pending', problem: PROVIDER_CHANGED, at: later },
      sitter_numbers: { status: 'pending', problem: PROVIDER_CHANGED, result: { target: { areaCode: '415', quantity: 3 } }, at: later },
    });
    expect(wizardView(reopenLaterSteps(saved, later)).current).toBe('verify_connectivity');
  });

  it.each([
    [{ step: 'pool_numbers', done: 3, added: 3, total: 12, at: '' }, 'pool_numbers', 'Added 3 of 12 numbers so far…'],
    [{ step: 'sitter_numbers', done: 5, added: 4, total: 20, at: '' }, 'sitter_numbers', 'Added 4 of 20 numbers so far (1 failed)…'],
    [{ step: 'pool_numbers', done: 1, added: 1, total: 2, at: '' }, 'sitter_numbers', null],
    [null, 'pool_numbers', null],
  ] as const)('says a running batch’s progress (%j on %s)', (progress, step, text) => {
    expect(batchProgressText(progress as any, step)).toBe(text);
  });
});
