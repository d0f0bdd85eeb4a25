import { ALL, violationQuery } from '../../plugins/policy/admin/src/pages/Violations/model';

const none = { status: ALL, type: ALL, conversationId: ALL, from: '', to: '' };

describe('the Policy violations page’s query', () => {
  it('sends only the filters that are set', () => {
    expect(violationQuery(none, 'America/Los_Angeles')).toBe('');
    expect(violationQuery({ ...none, status: 'open', type: 'email', conversationId: '12' }, 'America/Los_Angeles', 2)).toBe('status=open&type=email&conversationId=12&page=2');
  });

  it('reads the days in the organisation’s time zone: from its midnight to the midnight after the last day', () => {
    const q = new URLSearchParams(violationQuery({ ...none, from: '2027-01-19', to: '2027-01-20' }, 'America/Los_Angeles'));
    // Los Angeles is UTC−8 in January.
    expect([q.get('from'), q.get('to')]).toEqual(['2027-01-19T08:00:00.000Z', '2027-01-21T08:00:00.000Z']);
    const summer = new URLSearchParams(violationQuery({ ...none, from: '2027-07-01', to: '' }, 'America/Los_Angeles'));
    expect([summer.get('from'), summer.has('to')]).toEqual(['2027-07-01T07:00:00.000Z', false]);
  });

  it('leaves out a day that is not a date', () => {
    expect(violationQuery({ ...none, from: 'soon' }, 'UTC')).toBe('');
  });
});
