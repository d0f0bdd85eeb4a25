import { assignBody, assignTarget, eventTitle, listQuery, rangeQuery, STATUS_COLOUR, STATUS_LABEL, threadLink, type AssignForm, overrideWindowPath } from '../../plugins/assignments/admin/src/pages/Assignments/model';

// The Assignments page's pure rules (issue 16): status colours and words, the calendar's range query, the list's
// filters, the assign panel's body (a range or a weekly recurrence, local times in the organisation's zone), the URL contract.
const LA = 'America/Los_Angeles';

describe('status', () => {
  it('colours each status as OPS §3.3 says and names it in words in the title', () => {
    expect(STATUS_COLOUR.active.border).toBe('#328048'); // green
    expect(STATUS_COLOUR.future.border).toBe('#0c75af'); // blue
    expect(STATUS_COLOUR.past.border).toBe('#8e8ea9'); // grey
    expect(STATUS_COLOUR.overlapping.border).toBe('#d02b20'); // red
    expect(STATUS_LABEL).toEqual({ active: 'Active', future: 'Future', past: 'Past', overlapping: 'Overlapping' });
    expect(eventTitle({ status: 'overlapping', client: { id: 'c', name: 'Casey Morgan' }, sitter: { id: 4, displayName: 'Sam Sitter' } })).toBe('Overlapping: Sam Sitter with Casey Morgan');
  });
});

describe('queries', () => {
  it('asks for the visible range as instants', () => {
    const q = new URLSearchParams(rangeQuery({ start: new Date('2027-01-01T08:00:00Z'), end: new Date('2027-02-01T08:00:00Z') }));
    expect(Object.fromEntries(q)).toEqual({ from: '2027-01-01T08:00:00.000Z', to: '2027-02-01T08:00:00.000Z', pageSize: '200' });
  });

  it('reads the list filters: local dates bound whole days in the zone, empty filters are left out', () => {
    const q = new URLSearchParams(listQuery({ from: '2027-01-20', to: '2027-01-21', status: 'active', sitterId: '4', clientId: '' }, 2, 50, LA));
    expect(Object.fromEntries(q)).toEqual({ page: '2', pageSize: '50', from: '2027-01-20T08:00:00.000Z', to: '2027-01-22T08:00:00.000Z', status: 'active', sitterId: '4' });
    expect(listQuery({ from: '', to: '', status: '', sitterId: '', clientId: '' }, 1, 50, LA)).toBe('page=1&pageSize=50');
  });
});

describe('assignBody', () => {
  const base: AssignForm = { sitterId: '5', clientId: 'abc', conversationId: '', type: 'one_time_booking', startsAt: '2027-01-20T15:00', endsAt: '2027-01-20T17:00', daysOfWeek: [], startTime: '09:00', endTime: '11:00', until: '2027-04-19' };

  it('sends a range in the zone for a one-time booking', () => {
    expect(assignBody(base, LA)).toEqual({ clientId: 'abc', sitterId: 5, type: 'one_time_booking', startsAt: '2027-01-20T23:00:00.000Z', endsAt: '2027-01-21T01:00:00.000Z', timeZone: LA });
  });

  it('sends a weekly recurrence with its days in week order and no end (the server ends it after until)', () => {
    const body = assignBody({ ...base, type: 'weekly_client', daysOfWeek: ['FR', 'MO', 'WE'], startsAt: '2027-01-18T00:00' }, LA);
    expect(body).toEqual({ clientId: 'abc', sitterId: 5, type: 'weekly_client', startsAt: '2027-01-18T08:00:00.000Z', recurrence: { daysOfWeek: ['MO', 'WE', 'FR'], startTime: '09:00', endTime: '11:00', until: '2027-04-19' }, timeZone: LA });
  });

  it('names the thread instead of the client when the inbox opened the panel', () => {
    expect(assignBody({ ...base, clientId: '', conversationId: '12' }, LA)).toMatchObject({ conversationId: '12', sitterId: 5 });
    expect(assignBody({ ...base, clientId: '', conversationId: '12' }, LA)).not.toHaveProperty('clientId');
  });
});

describe('URL contract', () => {
  it('opens the panel for ?assign=<conversationId> or ?clientId=<documentId>, and nothing for anything else', () => {
    expect(assignTarget(new URLSearchParams('assign=12'))).toEqual({ conversationId: '12' });
    expect(assignTarget(new URLSearchParams('clientId=k2j3h4'))).toEqual({ clientId: 'k2j3h4' });
    expect(assignTarget(new URLSearchParams('assign=abc'))).toBeNull();
    expect(assignTarget(new URLSearchParams('clientId=a%20b'))).toBeNull();
    expect(assignTarget(new URLSearchParams(''))).toBeNull();
  });

  it('links a thread to the staff inbox with it open', () => {
    expect(threadLink('12')).toBe('/admin/plugins/messaging/12');
  });
});

describe('Override window rules (OPS §3.3 action 6)', () => {
  it('opens the Routing page on the window’s thread with the override form and the window’s sitter', () => {
    expect(overrideWindowPath({ conversationId: '12', sitter: { id: 7, displayName: 'Sam Sitter' } })).toBe('/plugins/routing?conversationId=12&override=1&sitterId=7');
  });
});
