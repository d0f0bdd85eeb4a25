import { BUSINESS_PROFILE_FIELDS, fieldLabel, fieldProblems, partialSaveSentence, profilePatch, withoutRefused } from './profile-fields';

describe('profile fields', () => {
  it('lists the ten fields of API.md "Profile"', () => {
    expect(BUSINESS_PROFILE_FIELDS.map((f) => f.key)).toEqual(['name', 'contactName', 'email', 'phone', 'address', 'website', 'description', 'serviceArea', 'businessHours', 'logoUrl']);
    expect(fieldLabel('logoUrl')).toBe('Logo URL');
  });

  it('sends only what was filled in, trimmed, and nothing unknown', () => {
    expect(profilePatch({ name: '  New Paws ', address: '', website: '   ', hacker: 'x' })).toEqual({ name: 'New Paws' });
  });

  it('sends only what changed from the saved values, and an emptied saved field as null', () => {
    const saved = { name: 'New Paws', email: 'hello@newpaws.test', phone: null };
    expect(profilePatch({ name: 'New Paws', email: '', phone: ' +14155550123 ' }, saved)).toEqual({ email: null, phone: '+14155550123' });
    expect(profilePatch({ name: ' New Paws ' }, saved)).toEqual({});
  });
});

describe('a save the server partly refused', () => {
  const details = { errors: [{ path: 'phone', message: 'Phone must be a phone number.' }, { path: 'website', message: 'Website must be a web address.' }] };

  it('reads each field\'s sentence from the 400', () => {
    expect(fieldProblems(details)).toEqual({ phone: 'Phone must be a phone number.', website: 'Website must be a web address.' });
  });

  it.each([[undefined], [{}], [{ errors: [] }], [{ errors: [{ path: 'hacker', message: 'x is not a profile field' }] }], [{ errors: [{ path: '', message: 'Send an object.' }] }]])(
    'gives null for a refusal that is not about fields (%j)',
    (d) => {
      expect(fieldProblems(d)).toBeNull();
    },
  );

  it('keeps what can still be saved', () => {
    expect(withoutRefused({ phone: '12', address: '1 Main St', website: null }, { phone: 'x' })).toEqual({ address: '1 Main St', website: null });
  });

  it.each([
    [['address'], { phone: 'x' }, 'Saved Address. Phone was not saved. Correct it and save again.'],
    [['serviceArea', 'address'], { website: 'x', phone: 'y' }, 'Saved Address and Service area. Phone and Website were not saved. Correct them and save again.'],
    [[], { phone: 'x' }, 'Nothing was saved: Phone needs a change. Correct it and save again.'],
    [[], { phone: 'x', email: 'y', website: 'z' }, 'Nothing was saved: Email, Phone and Website need a change. Correct them and save again.'],
  ])('saved %j, refused %j: %s', (saved, refused, sentence) => {
    expect(partialSaveSentence(saved, refused)).toBe(sentence);
  });
});
