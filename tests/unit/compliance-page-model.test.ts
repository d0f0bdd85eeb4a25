import { ALL, analyticsQuery, defaultAnalyticsDays, duration, NO_FILTERS, timelineQuery } from '../../plugins/compliance/admin/src/pages/Compliance/model';

const LA = 'America/Los_Angeles';

describe('the Audit & compliance page’s queries', () => {
  it('sends the timeline’s filters that are set, days as instants in the organisation’s zone', () => {
    expect(timelineQuery(NO_FILTERS, LA)).toBe('');
    const q = new URLSearchParams(timelineQuery({ ...NO_FILTERS, type: 'policy', actorRole: 'owner', conversationId: '9', number: '+14155550120', from: '2026-12-01', to: '2026-12-01' }, LA, '77'));
    expect(Object.fromEntries(q)).toEqual({ from: '2026-12-01T08:00:00.000Z', to: '2026-12-02T08:00:00.000Z', type: 'policy', actorRole: 'owner', conversationId: '9', number: '+14155550120', beforeId: '77' });
  });

  it('asks response times with the sitter, volume with the bucket, and the export with both', () => {
    const filters = { from: '2026-11-01', to: '2026-11-30', sitterId: '4', conversationId: ALL, bucket: 'week' };
    expect(Object.fromEntries(new URLSearchParams(analyticsQuery(filters, LA, 'response')))).toEqual({ from: '2026-11-01T07:00:00.000Z', to: '2026-12-01T08:00:00.000Z', sitterId: '4' });
    expect(Object.fromEntries(new URLSearchParams(analyticsQuery(filters, LA, 'volume')))).toEqual({ from: '2026-11-01T07:00:00.000Z', to: '2026-12-01T08:00:00.000Z', bucket: 'week' });
    expect(new URLSearchParams(analyticsQuery({ ...filters, conversationId: '9' }, LA, 'export')).toString()).toBe('from=2026-11-01T07%3A00%3A00.000Z&to=2026-12-01T08%3A00%3A00.000Z&conversationId=9&sitterId=4&bucket=week');
  });

  it('starts the analytics on the last 30 days of the organisation’s calendar', () => {
    // 03:00 UTC on 3 December is still 2 December in Los Angeles.
    expect(defaultAnalyticsDays(LA, new Date('2026-12-03T03:00:00Z'))).toEqual({ from: '2026-11-03', to: '2026-12-02' });
  });

  it('writes response times as people read them', () => {
    expect([duration(null), duration(45), duration(90), duration(720), duration(3900), duration(7200)]).toEqual(['—', '45 s', '2 min', '12 min', '1 h 5 min', '2 h']);
  });
});
