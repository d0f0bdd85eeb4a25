import { numbersToRepair, webhookDrift } from './webhook-drift';

const ours = { inboundUrl: 'https://sb.example.com/api/messaging/webhooks/twilio/sms', statusUrl: 'https://sb.example.com/api/messaging/webhooks/twilio/status' };

describe('webhookDrift', () => {
  it.each([
    ['the same addresses', ours, []],
    ['a trailing slash', { inboundUrl: `${ours.inboundUrl}/`, statusUrl: ours.statusUrl }, []],
    ['SMS re-pointed', { ...ours, inboundUrl: 'https://elsewhere.example.com/sms' }, ['inboundUrl']],
    ['status callback emptied', { ...ours, statusUrl: '' }, ['statusUrl']],
    ['both changed', { inboundUrl: 'https://a.example.com', statusUrl: 'https://b.example.com' }, ['inboundUrl', 'statusUrl']],
  ])('%s', (_name, actual, differ) => {
    expect(webhookDrift(actual, ours)).toEqual(differ);
  });
});

describe('numbersToRepair', () => {
  it('repairs every drifted number when none is named', () => {
    expect(numbersToRepair(['+14155550101', '+14155550102'], undefined)).toEqual({ repair: ['+14155550101', '+14155550102'], notDrifted: [] });
  });
  it('repairs only the named ones that drifted, and says which did not', () => {
    expect(numbersToRepair(['+14155550101'], ['+14155550101', '+14155550109'])).toEqual({ repair: ['+14155550101'], notDrifted: ['+14155550109'] });
  });
});
