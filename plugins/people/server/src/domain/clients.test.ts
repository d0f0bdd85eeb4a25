import { clientCreateSchema, clientName, clientNamedAfterNumber, clientUpdateSchema, isNamedAfterNumber } from './clients';

describe('client fields', () => {
  it.each([
    ['(415) 555-0161', '+14155550161'],
    ['415.555.0161', '+14155550161'],
    ['+1 415 555 0161', '+14155550161'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('tidies the phone %s to %s', (typed, e164) => {
    expect(clientCreateSchema.parse({ firstName: 'Casey', phone: typed }).phone).toBe(e164);
  });

  it.each([
    [{ phone: '+14155550161' }, 'First name is required.'],
    [{ firstName: null, phone: '+14155550161' }, 'First name is required.'],
    [{ firstName: '', phone: '+14155550161' }, 'First name is required.'],
    [{ firstName: '   ', phone: '+14155550161' }, 'First name is required.'],
    [{ firstName: 'Casey' }, 'Phone is required.'],
    [{ firstName: 'Casey', phone: ' ' }, 'Phone is required.'],
    [{ firstName: 'Casey', phone: null }, 'Phone is required.'],
    [{ firstName: 42, phone: '+14155550161' }, 'First name must be text.'],
    [{ firstName: 'Casey', phone: 'call me' }, 'Phone must be a phone number'],
    [{ firstName: 'Casey', phone: '+14155550161', email: 'x@y.z' }, 'email is not a client field'],
    [{ firstName: 'C'.repeat(101), phone: '+14155550161' }, 'First name must be at most 100 characters long.'],
  ])('refuses %j with a sentence naming the field', (body, sentence) => {
    const result = clientCreateSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain(sentence);
  });

  it('an empty last name or notes clears it; an update takes any one field', () => {
    expect(clientCreateSchema.parse({ firstName: 'Casey', lastName: '', phone: '+14155550161', notes: '' })).toEqual({ firstName: 'Casey', lastName: null, phone: '+14155550161', notes: null });
    expect(clientUpdateSchema.parse({ notes: 'Two cats.' })).toEqual({ notes: 'Two cats.' });
    expect(clientUpdateSchema.safeParse({ firstName: '  ' }).error!.issues[0].message).toBe('First name is required.');
    expect(clientUpdateSchema.safeParse({ phone: '' }).error!.issues[0].message).toBe('Phone is required.');
  });

  it('names a client and knows one still named after its number', () => {
    expect(clientName({ firstName: 'Casey', lastName: 'Morgan' })).toBe('Casey Morgan');
    expect(clientName({ firstName: 'Casey', lastName: null })).toBe('Casey');
    const unknown = clientNamedAfterNumber('+14155550199');
    expect(clientName(unknown)).toBe('+14155550199');
    expect(isNamedAfterNumber(unknown)).toBe(true);
    expect(isNamedAfterNumber({ firstName: 'Casey', phone: '+14155550161' })).toBe(false);
  });
});
