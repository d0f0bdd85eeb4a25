import { displayNumber } from './index';

describe('displayNumber', () => {
  it.each([
    ['a US number', '+14155550120', '+1 (415) 555-0120'],
    ['a Canadian number', '+16045550188', '+1 (604) 555-0188'],
    ["OPS §3.1's own example (555 area code)", '+15551234567', '+1 (555) 123-4567'],
    ['a UK number', '+442079460958', '+44 20 7946 0958'],
    ['a French mobile', '+33612345678', '+33 6 12 34 56 78'],
    ['an Australian mobile', '+61412345678', '+61 412 345 678'],
    ['a German mobile', '+4915112345678', '+49 1511 2345678'],
    ['a North American number one digit short', '+1415555012', '+1415555012'],
    ['a country code that does not exist', '+99912345678', '+99912345678'],
    ['a label that is not a number', 'Client', 'Client'],
    ['an empty string', '', ''],
  ])('%s: %s reads %s', (_, e164, shown) => {
    expect(displayNumber(e164)).toBe(shown);
  });
});
