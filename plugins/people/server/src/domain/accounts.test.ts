import { ACCOUNT_SENTENCES, accountCreateSchema, initialProfile, invitationLink, oneTimePassword, sendsInvitationEmail } from './accounts';

describe('POST /people/accounts input', () => {
  it.each([
    [{ role: 'sitter', email: ' Nia@Example.com ', displayName: 'Nia Sitter' }, { role: 'sitter', email: 'nia@example.com', displayName: 'Nia Sitter' }],
    [{ role: 'business', email: 'b@example.com', displayName: 'Bo Owner', businessName: 'Bo Pets' }, { role: 'business', email: 'b@example.com', displayName: 'Bo Owner', businessName: 'Bo Pets' }],
  ])('takes %j', (body, parsed) => {
    expect(accountCreateSchema.parse(body)).toEqual(parsed);
  });

  it.each([
    [{ role: 'owner', email: 'o@example.com', displayName: 'O' }, ACCOUNT_SENTENCES.role],
    [{ role: 'sitter', email: 'not-an-email', displayName: 'Nia' }, ACCOUNT_SENTENCES.email],
    [{ role: 'sitter', email: 'n@example.com' }, 'Display name is required.'],
    [{ role: 'business', email: 'b@example.com', displayName: 'Bo' }, ACCOUNT_SENTENCES.businessName],
    [{ role: 'va', email: 'v@example.com', displayName: 'Vi', password: 'x' }, 'password cannot be set on a new account'],
  ])('refuses %j with a sentence naming the field', (body, sentence) => {
    const result = accountCreateSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain(sentence);
  });
});

describe('the profile a new account starts with', () => {
  it.each([
    [{ role: 'business' as const, email: 'b@example.com', displayName: 'Bo', businessName: 'Bo Pets' }, { kind: 'business', data: { name: 'Bo Pets', contactName: 'Bo', email: 'b@example.com' } }],
    [{ role: 'va' as const, email: 'v@example.com', displayName: 'Vi' }, { kind: 'va', data: { displayName: 'Vi' } }],
    [{ role: 'sitter' as const, email: 's@example.com', displayName: 'Nia' }, { kind: 'sitter', data: { displayName: 'Nia', active: false } }],
  ])('%j', (account, profile) => {
    expect(initialProfile(account)).toEqual(profile);
  });
});

describe('one-time passwords', () => {
  const sequence = (values: number[]) => {
    let i = 0;
    return (n: number) => values[i++ % values.length] % n;
  };

  it.each([[16], [8], [32]])('has %i characters with a lower-case letter, an upper-case letter and a digit', (length) => {
    const password = oneTimePassword(length, sequence([0, 5, 17, 3, 11, 29, 2]));
    expect(password).toHaveLength(length);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[2-9]/);
    expect(password).not.toMatch(/[01lIO]/);
  });

  it('refuses a length too short to be safe', () => {
    expect(() => oneTimePassword(6, () => 0)).toThrow('at least 8');
  });
});

describe('how invitations go out', () => {
  it.each([
    ['sendmail', false],
    [undefined, false],
    ['', false],
    ['nodemailer', true],
    ['amazon-ses', true],
  ])('e-mail provider %j → e-mail invitation %s', (provider, email) => {
    expect(sendsInvitationEmail(provider)).toBe(email);
  });

  it('puts the code on the set-password page', () => {
    expect(invitationLink('http://localhost:3002/reset-password', 'abc123')).toBe('http://localhost:3002/reset-password?code=abc123');
  });
});
