import { PROFILE_FIELDS, gatingDecision, profileCompleteness, profileUpdateSchema, tidyPhoneNumber } from './profile';

const complete = {
  name: 'Acme Pets',
  contactName: 'Alex Acme',
  email: 'hello@acmepets.test',
  phone: '+14155550123',
  address: '1 Market Street',
  website: 'https://acmepets.example',
  description: 'Dog walking and pet sitting across the city.',
  serviceArea: 'San Francisco',
  businessHours: 'Mon–Sat 8–18',
  logoUrl: 'https://acmepets.example/logo.png',
};

describe('profileCompleteness (API.md "Profile")', () => {
  it('counts 10 points for each of the ten fields', () => {
    expect(profileCompleteness(complete)).toEqual({ percent: 100, missingFields: [] });
    expect(profileCompleteness({})).toEqual({ percent: 0, missingFields: [...PROFILE_FIELDS] });
  });

  it.each(PROFILE_FIELDS.map((f) => [f]))('drops to 90 and names %s when it is missing', (field) => {
    const { [field]: _gone, ...rest } = complete;
    expect(profileCompleteness(rest)).toEqual({ percent: 90, missingFields: [field] });
  });

  it('matches the demo businesses: Acme Pets 90, New Paws 40', () => {
    const { logoUrl: _l, ...acme } = complete;
    expect(profileCompleteness(acme).percent).toBe(90);
    const newPaws = { name: 'New Paws', contactName: 'Nora', email: 'hi@newpaws.test', phone: '+15035550100' };
    expect(profileCompleteness(newPaws)).toEqual({
      percent: 40,
      missingFields: ['address', 'website', 'description', 'serviceArea', 'businessHours', 'logoUrl'],
    });
  });

  it.each([
    ['description', 'too short'],
    ['website', 'javascript:alert(1)'],
    ['phone', '555-0123'],
    ['email', 'not an email'],
    ['name', '   '],
  ])('does not count an invalid %s (%s)', (field, value) => {
    expect(profileCompleteness({ ...complete, [field]: value }).missingFields).toEqual([field]);
  });

  it('scores each value afresh: a field that turns invalid, and valid again, counts as it is now (answers are remembered by value)', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(profileCompleteness(complete).percent).toBe(100);
      expect(profileCompleteness({ ...complete, website: 'not a url' }).missingFields).toEqual(['website']);
      // The same text in another field is that field's own question: a valid name is not a valid website.
      expect(profileCompleteness({ ...complete, website: complete.name }).missingFields).toEqual(['website']);
      expect(profileCompleteness({ ...complete, name: 'https://acmepets.example' }).percent).toBe(100);
    }
  });
});

describe('gatingDecision (PRD §6.2)', () => {
  it.each([
    ['business', 79, false],
    ['business', 80, true],
    ['business', 100, true],
    ['business', null, false],
    ['va', null, true],
    ['sitter', null, true],
  ] as const)('%s at %s%% may compose: %s', (role, percent, canCompose) => {
    expect(gatingDecision(role, percent).canCompose).toBe(canCompose);
  });

  it('explains itself and points to the Dashboard', () => {
    expect(gatingDecision('business', 40)).toEqual({
      canCompose: false,
      reason: 'Your business profile is 40% complete. Complete at least 80% of it on the Dashboard to message the Admin team.',
      cta: { label: 'Complete your profile', href: '/dashboard' },
    });
  });
});

describe('profileUpdateSchema (PUT /api/profile)', () => {
  const messageOf = (body: unknown) => {
    const r = profileUpdateSchema.safeParse(body);
    return r.success ? null : r.error.issues[0].message;
  };

  it('accepts any subset, and null to clear', () => {
    expect(profileUpdateSchema.parse({ name: ' New name ', logoUrl: null })).toEqual({ name: 'New name', logoUrl: null });
  });

  it.each([
    [{ bogus: 1 }, 'bogus is not a profile field'],
    [{ description: 'short' }, 'Description must be at least 20 characters long.'],
    [{ name: 'x'.repeat(201) }, 'Business name must be at most 200 characters long.'],
    [{ contactName: '   ' }, 'Contact name cannot be only spaces; leave it empty to clear it.'],
    [{ address: 'x'.repeat(501) }, 'Address must be at most 500 characters long.'],
    [{ phone: '0123' }, 'Phone must be a phone number, like (415) 555-0123, or +44 20 7946 0958'],
    [{ phone: 'call me' }, 'Phone must be a phone number'],
    [{ website: 'ftp://example.com' }, 'Website must be a web address starting with http:// or https://.'],
    [{ logoUrl: `https://example.com/${'a'.repeat(2048)}` }, 'Logo URL must be at most 2,048 characters long.'],
    [{ email: 'nope' }, 'Email must be an email address'],
    [{ serviceArea: 'x'.repeat(201) }, 'Service area must be at most 200 characters long.'],
    [{ businessHours: 'x'.repeat(501) }, 'Business hours must be at most 500 characters long.'],
    [{ name: 'a\u0000b' }, 'Business name contains characters that are not allowed.'],
    [{ name: 'a\uD800b' }, 'Business name contains characters that are not allowed.'],
    [{ name: 42 }, 'Business name must be text.'],
  ])('refuses %j with a sentence naming the field as the form does', (body, sentence) => {
    expect(messageOf(body)).toContain(sentence);
  });

  it('names every invalid field, each under its key, so a form can show each error beside its field', () => {
    const r = profileUpdateSchema.safeParse({ phone: 'nope', website: 'nope', name: 'Fine' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message.split(' ')[0]])).toEqual([
      ['phone', 'Phone'],
      ['website', 'Website'],
    ]);
  });

  it('stores a phone number written in any common format as E.164', () => {
    expect(profileUpdateSchema.parse({ phone: '(415) 555-0123' })).toEqual({ phone: '+14155550123' });
  });
});

describe('tidyPhoneNumber', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    ['+1 415 555 0123', '+14155550123'],
    ['+1 (503) 555-0142', '+15035550142'],
    ['(415) 555-0123', '+14155550123'],
    ['415-555-0123', '+14155550123'],
    ['415.555.0123', '+14155550123'],
    ['4155550123', '+14155550123'],
    ['1-415-555-0123', '+14155550123'],
    ['  415 555 0123  ', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+49 30 901820', '+4930901820'],
  ])('tidies %j to %s', (typed, e164) => {
    expect(tidyPhoneNumber(typed)).toBe(e164);
  });

  it.each([['555-0123'], ['0123'], ['020 7946 0958'], ['+1 415 555 0123 ext 5'], ['call me'], ['+'], ['']])('refuses %j', (typed) => {
    expect(tidyPhoneNumber(typed)).toBeNull();
  });
});
