import { PROFILE_FIELDS, gatingDecision, profileCompleteness, profileUpdateSchema } from './profile';

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
    [{ description: 'short' }, 'description must be at least 20 characters long.'],
    [{ name: 'x'.repeat(201) }, 'name must be at most 200 characters long.'],
    [{ address: 'x'.repeat(501) }, 'address must be at most 500 characters long.'],
    [{ phone: '0123' }, 'phone must be a phone number in international format'],
    [{ website: 'ftp://example.com' }, 'website must be a web address starting with http:// or https://.'],
    [{ logoUrl: `https://example.com/${'a'.repeat(2048)}` }, 'logoUrl must be at most 2,048 characters long.'],
    [{ email: 'nope' }, 'email must be an email address'],
    [{ name: 'a\u0000b' }, 'name contains characters that are not allowed.'],
    [{ name: 'a\uD800b' }, 'name contains characters that are not allowed.'],
    [{ name: 42 }, 'name must be text.'],
  ])('refuses %j with a sentence', (body, sentence) => {
    expect(messageOf(body)).toContain(sentence);
  });
});
