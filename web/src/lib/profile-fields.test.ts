import { BUSINESS_PROFILE_FIELDS, fieldLabel, profilePatch } from './profile-fields';

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
