import { ORGANISATION_SENTENCES, ianaTimeZone, organisationUpdateSchema } from './organisation';

describe('the organisation time zone', () => {
  it.each([
    ['America/Los_Angeles', 'America/Los_Angeles'],
    ['  Europe/London ', 'Europe/London'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('%j is the IANA zone %s', (text, zone) => {
    expect(ianaTimeZone(text)).toBe(zone);
  });

  it.each([['Pacific Time'], ['PST'], ['+05:00'], ['Mars/Olympus_Mons'], [''], ['America/']])('%j is not an IANA zone', (text) => {
    expect(ianaTimeZone(text)).toBeNull();
  });
});

describe('PUT /people/organisation', () => {
  it.each([
    [{ name: 'Acme Pets' }, { name: 'Acme Pets' }],
    [{ timeZone: 'europe/paris' }, { timeZone: 'Europe/Paris' }],
    [{ name: ' Acme ', timeZone: 'UTC' }, { name: 'Acme', timeZone: 'UTC' }],
    [{}, {}],
  ])('takes %j', (body, parsed) => {
    expect(organisationUpdateSchema.parse(body)).toEqual(parsed);
  });

  it.each([
    [{ timeZone: 'Pacific Time' }, ORGANISATION_SENTENCES.timeZoneInvalid],
    [{ timeZone: 7 }, ORGANISATION_SENTENCES.timeZoneInvalid],
    [{ name: '  ' }, 'Organisation name cannot be only spaces'],
    [{ colour: 'blue' }, 'colour cannot be set here'],
  ])('refuses %j with a sentence naming the field', (body, sentence) => {
    const result = organisationUpdateSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain(sentence);
  });
});
