import { isE164, toE164 } from './phone';

describe('toE164', () => {
  it.each([
    ['+14155550100', '+14155550100'],
    ['+1 415 555 0100', '+14155550100'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+1-415-555-0100', '+14155550100'],
    ['(415) 555-0100', '+14155550100'],
    ['415.555.0100', '+14155550100'],
    ['  4155550100  ', '+14155550100'],
    ['1 415 555 0100', '+14155550100'],
    ['+44 7911 123456', '+447911123456'],
    ['+44 (0) 7911 123456', '+447911123456'],
    ['011 44 7911 123456', '+447911123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('reads %p as %p', (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  it.each([
    ['', 'nothing'],
    ['   ', 'blanks'],
    ['VERIFY', 'a sender name'],
    ['12345', 'a short code'],
    ['+15555550100', 'an area code that does not exist'],
    ['+1415555010', 'a digit too few'],
    ['+1415555010O', 'a letter O for a zero'],
    ['1-800-FLOWERS', 'letters'],
    ['Tel: +1 415 555 0100', 'words around the number'],
    ['+1 415 555 0100 ext. 12', 'an extension'],
    ['07911 123456', 'a UK number without its country code'],
  ])('refuses %p (%s)', (input) => {
    expect(toE164(input)).toBeNull();
  });

  it.each([
    ['07911 123456', 'GB', '+447911123456'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['+1 415 555 0100', 'GB', '+14155550100'],
  ] as const)('reads %p in %s as %p', (input, country, e164) => {
    expect(toE164(input, country)).toBe(e164);
  });
});

describe('isE164', () => {
  it.each([
    ['+14155550100', true],
    ['+12125550199', true],
    ['+447911123456', true],
    ['+33612345678', true],
    ['14155550100', false],
    ['+1 415 555 0100', false],
    ['+1-415-555-0100', false],
    [' +14155550100', false],
    ['+14155550100 ', false],
    ['+014155550100', false],
    ['+15555550100', false],
    ['+1415555010', false],
    ['+', false],
    ['', false],
  ])('%p → %p', (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });

  it('accepts every number toE164 produces', () => {
    for (const input of ['(415) 555-0100', '+44 7911 123456', '011 33 6 12 34 56 78']) expect(isE164(toE164(input)!)).toBe(true);
  });
});
