import { assignmentsSettingsSchema } from './settings';

describe('assignments settings', () => {
  it.each([
    [{ poolThreadGraceHours: 169 }, 'Invalid setting value. The pool grace period in hours cannot be above 168. Use valid range: 0–168.'],
    [{ reassignmentTemplate: '   ' }, 'Invalid setting value. The reassignment message cannot be empty or longer than 480 characters. Use valid range: 1–480 characters.'],
    [{ reassignmentTemplate: 'x'.repeat(481) }, 'Invalid setting value. The reassignment message cannot be empty or longer than 480 characters. Use valid range: 1–480 characters.'],
  ])('refuses %j', (change, sentence) => {
    expect(assignmentsSettingsSchema.safeParse(change).error!.issues[0].message).toBe(sentence);
  });

  it('keeps a template trimmed and a grace of zero hours', () => {
    expect(assignmentsSettingsSchema.parse({ reassignmentTemplate: ' Hi {{client.firstName}} ', poolThreadGraceHours: 0 })).toEqual({ reassignmentTemplate: 'Hi {{client.firstName}}', poolThreadGraceHours: 0 });
  });
});
