import { composeRanges, composeSettings, splitChange } from './system-settings';

describe('splitChange', () => {
  it('gives each owner its own fields, in its own names, across sections', () => {
    const split = splitChange({ routing: { poolAutoResponse: 'Hi', poolThreadGraceHours: 12 }, templates: { reassignment: 'Hello' }, numbers: { cooldownDays: 90 } });
    expect(split.ok && Object.fromEntries(split.changes)).toEqual({
      'routing.settings': { poolAutoResponse: 'Hi' },
      'assignments.settings': { poolThreadGraceHours: 12, reassignmentTemplate: 'Hello' },
      'numbers.settings': { cooldownDays: 90 },
    });
  });

  it.each([
    [null, 'Settings must be an object of sections'],
    [{ billing: {} }, 'Unknown settings section: billing.'],
    [{ numbers: 5 }, 'The numbers section must be an object of settings.'],
    [{ numbers: { cooldown: 90 } }, 'Unknown setting: numbers.cooldown.'],
    [{ policy: { enforcement: false } }, 'Unknown setting: policy.enforcement.'],
  ])('refuses %j', (body, sentence) => {
    const split = splitChange(body);
    expect(split.ok).toBe(false);
    expect(!split.ok && split.message).toContain(sentence);
  });
});

describe('composeSettings and composeRanges', () => {
  it('shows each owner value under its section and field, with its range', () => {
    const values = { 'numbers.settings': { cooldownDays: 90, healthWarningErrors: 1, healthCriticalErrors: 3 }, 'assignments.settings': { reassignmentTemplate: 'T', poolThreadGraceHours: 24 } } as any;
    const settings = composeSettings(values);
    expect(settings.numbers).toEqual({ cooldownDays: 90, healthWarningErrors: 1, healthCriticalErrors: 3 });
    expect(settings.templates).toEqual({ reassignment: 'T' });
    expect(settings.routing).toEqual({ poolAutoResponse: null, poolThreadGraceHours: 24 });
    expect(composeRanges({ 'numbers.settings': { cooldownDays: { min: 30, max: 365 } }, 'assignments.settings': { poolThreadGraceHours: { min: 0, max: 168 } } } as any)).toEqual({
      'numbers.cooldownDays': { min: 30, max: 365 },
      'routing.poolThreadGraceHours': { min: 0, max: 168 },
    });
  });
});
