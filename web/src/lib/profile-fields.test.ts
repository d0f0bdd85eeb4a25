import { BUSINESS_PROFILE_FIELDS, fieldLabel, profilePatch } from './profile-fields';

describe('profile fields', () => {
  it('lists the ten fields of API.md "Profile"', () => {
    expect(BUSINESS_PROFILE_FIELDS.map((f) => f.key)).toEqual(['name', 'contactName', 'email', 'phone', 'address', 'website', 'description', 'serviceArea', 'businessHours', 'logoUrl']);
    expect(fieldLabel('logoUrl')).toBe('Logo URL');
  });

  it('sends only what was filled in, trimmed, and nothing unknown', () => {
    expect(profilePatch({ name: '  New Paws ', address: '', website: '   ', hacker: 'x' })).toEqual({ name: 'New Paws' });
  });
});
