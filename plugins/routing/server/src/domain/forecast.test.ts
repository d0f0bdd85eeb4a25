import { forecast, replayVerdict, startOfHour } from './forecast';
import type { RoutingEvaluation } from './evaluate';

const sky = { type: 'sitter' as const, sitterId: 8, label: 'Sky Sitter' };
const inbox = { type: 'owner_inbox' as const, label: 'Owner inbox' };

describe('the 7-day forecast and replay (issue 17 item 6)', () => {
  it('joins the hours no sitter receives into gaps', () => {
    const from = startOfHour(new Date('2026-12-03T10:20:00Z'));
    const sitterAt = new Set(['2026-12-03T12:00:00.000Z', '2026-12-03T13:00:00.000Z']);
    const { hours, gaps } = forecast(from, 5, (at) => ({ target: sitterAt.has(at.toISOString()) ? sky : inbox, matchedRule: sitterAt.has(at.toISOString()) ? 'sitter_window' : 'default_owner_inbox', overridden: false }) as unknown as RoutingEvaluation);
    expect(hours.map((h) => h.at)).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T11:00:00.000Z', '2026-12-03T12:00:00.000Z', '2026-12-03T13:00:00.000Z', '2026-12-03T14:00:00.000Z']);
    expect(gaps).toEqual([
      { from: '2026-12-03T10:00:00.000Z', to: '2026-12-03T12:00:00.000Z' },
      { from: '2026-12-03T14:00:00.000Z', to: '2026-12-03T15:00:00.000Z' },
    ]);
  });

  it('says whether today’s rules route a decision differently', () => {
    expect(replayVerdict({ target: sky, matchedRule: 'sitter_window' }, { target: sky, matchedRule: 'sitter_window' })).toEqual({ differs: false, summary: "Today's rules route it the same way: to Sky Sitter." });
    expect(replayVerdict({ target: sky, matchedRule: 'sitter_window' }, { target: inbox, matchedRule: 'default_owner_inbox' })).toEqual({ differs: true, summary: "Today's rules would route it differently: to Owner inbox (was Sky Sitter)." });
  });
});
