import { conditionLines, contextOptions, definitionOf, draftOf, emptyDraft, logQuery, moveAction, offsetMinutes, offsetParts, personOptions, previewBody, reviewOf, scopeWords, stepProblem, testBody, viewOf } from '../../plugins/automations/admin/src/pages/Automations/model';

const catalogue = { triggers: [{ type: 'booking.created', offset: false }, { type: 'window.starting', offset: true }] } as any;

describe('the Automations page model (issue 20 item 5)', () => {
  it('reads the page path', () => {
    expect(viewOf('')).toEqual({ kind: 'list' });
    expect(viewOf('new')).toEqual({ kind: 'new' });
    expect(viewOf('abc')).toEqual({ kind: 'detail', id: 'abc' });
    expect(viewOf('abc/edit')).toEqual({ kind: 'edit', id: 'abc' });
  });

  it('turns "2 hours before" into -120 minutes and back', () => {
    expect(offsetMinutes({ offsetAmount: 2, offsetUnit: 'hours', offsetDirection: 'before' })).toBe(-120);
    expect(offsetMinutes({ offsetAmount: 90, offsetUnit: 'minutes', offsetDirection: 'after' })).toBe(90);
    expect(offsetParts(-120)).toEqual({ offsetAmount: 2, offsetUnit: 'hours', offsetDirection: 'before' });
    expect(offsetParts(2880)).toEqual({ offsetAmount: 2, offsetUnit: 'days', offsetDirection: 'after' });
    expect(offsetParts(45)).toEqual({ offsetAmount: 45, offsetUnit: 'minutes', offsetDirection: 'after' });
  });

  it('validates each step with the spec’s sentences', () => {
    const draft = emptyDraft();
    expect(stepProblem(0, draft)).toBe('Name is required. Give the automation a name in Step 1.');
    expect(stepProblem(1, draft)).toBe('Trigger is required. Configure trigger in Step 2.');
    expect(stepProblem(3, draft)).toBe('At least one action is required. Add actions in Step 4.');
    expect(stepProblem(4, { ...draft, actions: [{ type: 'send_sms', template: ' ' }] })).toBe('Write the text of every message and task.');
    expect(stepProblem(2, { ...draft, groups: [{ op: 'and', conditions: [{ field: 'booking.kind', operator: 'eq', value: '' }] }] })).toBe('Each condition needs a field and a value.');
    expect(stepProblem(0, { ...draft, name: 'Visit reminder' })).toBeNull();
  });

  it('builds the definition: an offset only for window triggers, empty groups dropped; and reads one back', () => {
    const draft = { ...emptyDraft(), name: ' Reminder ', triggerType: 'booking.created' as const, offsetAmount: 2, groups: [{ op: 'and' as const, conditions: [] }], actions: [{ type: 'send_sms' as const, template: 'Hi' }] };
    expect(definitionOf(draft, catalogue)).toEqual({ name: 'Reminder', lane: 'front_desk', scope: { type: 'global' }, trigger: { type: 'booking.created' }, conditions: { op: 'and', groups: [] }, actions: [{ type: 'send_sms', template: 'Hi' }] });
    const windowDef = definitionOf({ ...draft, triggerType: 'window.starting' }, catalogue);
    expect(windowDef.trigger).toEqual({ type: 'window.starting', offsetMinutes: -120 });
    expect(draftOf(windowDef)).toMatchObject({ triggerType: 'window.starting', offsetAmount: 2, offsetUnit: 'hours', offsetDirection: 'before' });
  });

  it('reads a scoped automation back unchanged, so saving an edit keeps its scope (and its hash and version)', () => {
    const sitterScoped = {
      name: 'Sam’s visit reminder',
      description: 'Two hours before',
      lane: 'sitter' as const,
      scope: { type: 'sitter' as const, id: '7' },
      trigger: { type: 'window.starting' as const, offsetMinutes: -120 },
      conditions: { op: 'and' as const, groups: [{ op: 'or' as const, conditions: [{ field: 'window.type', operator: 'eq' as const, value: 'all_day' }] }] },
      actions: [{ type: 'send_sms' as const, template: 'Hi {{ client.firstName }}' }],
    };
    expect(definitionOf(draftOf(sitterScoped), catalogue)).toEqual(sitterScoped);
    const clientScoped = { name: 'Casey only', lane: 'front_desk' as const, scope: { type: 'client' as const, id: 'abc123' }, trigger: { type: 'booking.created' as const }, conditions: { op: 'and' as const, groups: [] }, actions: [{ type: 'create_task' as const, text: 'Call Casey' }] };
    // The page reads the whole Automation (id, status, texts…); only the definition goes back.
    expect(definitionOf(draftOf({ ...clientScoped, id: 'x', status: 'active', version: 3, triggerText: 'Booking created' } as any), catalogue)).toEqual(clientScoped);
    expect(definitionOf(draftOf({ ...clientScoped, scope: undefined }), catalogue).scope).toEqual({ type: 'global' });
  });

  it('asks for the sitter or client a scope names, and says the scope in words', () => {
    const draft = { ...emptyDraft(), name: 'Reminder' };
    expect(stepProblem(0, { ...draft, scope: { type: 'sitter', id: '' } })).toBe('A sitter scope names the sitter. Pick one in Step 1.');
    expect(stepProblem(0, { ...draft, scope: { type: 'client', id: 'abc' } })).toBeNull();
    const people = { sitters: [{ id: '7', name: 'Sam Sitter' }], clients: [{ id: 'abc', name: 'Casey Morgan' }] };
    expect(scopeWords({ type: 'global' }, people)).toBe('Every booking, window and thread (global)');
    expect(scopeWords({ type: 'sitter', id: '7' }, people)).toBe("Only sitter Sam Sitter's bookings, windows and threads");
    expect(scopeWords({ type: 'client', id: 'abc' }, people)).toBe("Only client Casey Morgan's bookings, windows and threads");
    expect(personOptions(people.sitters, '7')).toEqual([['7', 'Sam Sitter']]);
    expect(personOptions(people.sitters, '9')).toEqual([['9', '9'], ['7', 'Sam Sitter']]);
  });

  it('reorders actions, never past either end', () => {
    const a = [{ type: 'create_task', text: 'a' }, { type: 'create_task', text: 'b' }] as any;
    expect(moveAction(a, 1, -1).map((x: any) => x.text)).toEqual(['b', 'a']);
    expect(moveAction(a, 0, -1)).toBe(a);
  });
});

describe('the test context (issue 20 item 3)', () => {
  const rows = {
    bookings: [{ id: 'b1', kind: 'one_time', client: 'c1', startsAt: '2027-01-19T18:00:00Z' }],
    clients: [{ id: 'c1', name: 'Jordan Lee' }],
    threads: [{ id: '42', title: 'Casey Morgan' }],
    windows: [{ id: 'w1', client: { name: 'Casey Morgan' }, sitter: { displayName: 'Sam Sitter' }, startsAt: '2027-01-19T17:00:00Z' }],
  };

  it('offers sample values, each booking, client thread and window', () => {
    expect(contextOptions(rows, (iso) => iso.slice(0, 10))).toEqual([
      ['sample', 'Sample values'],
      ['booking:b1', 'Jordan Lee · one time · 2027-01-19'],
      ['thread:42', 'Thread: Casey Morgan'],
      ['window:w1', 'Window: Casey Morgan with Sam Sitter · 2027-01-19'],
    ]);
  });

  it('sends the picked context in the shape POST /automations/:id/test takes', () => {
    expect(testBody('sample')).toEqual({});
    expect(testBody('sample', ' Can you come at 5? ')).toEqual({ context: { messageText: 'Can you come at 5?' } });
    expect(testBody('booking:b1', 'ignored')).toEqual({ context: { bookingId: 'b1' } });
    expect(testBody('thread:42')).toEqual({ context: { conversationId: '42' } });
    expect(testBody('thread:42', 'Running late')).toEqual({ context: { conversationId: '42', messageText: 'Running late' } });
    expect(testBody('window:w1')).toEqual({ context: { windowId: 'w1' } });
  });
});

describe('the template preview (issue 20 item 2)', () => {
  it('previews on a booking (its values and its number), or on the sample values entered for the trigger’s variables', () => {
    expect(previewBody('Hi {{ client.firstName }}', 'booking.created', 'booking:b1', { 'client.firstName': 'Robin' }, ['client.firstName'])).toEqual({
      body: 'Hi {{ client.firstName }}',
      triggerType: 'booking.created',
      context: { bookingId: 'b1' },
    });
    expect(previewBody('Hi', 'booking.created', 'sample', {}, ['client.firstName'])).toEqual({ body: 'Hi', triggerType: 'booking.created' });
    // A sample entered for another trigger's variable (the trigger changed since) is not sent.
    expect(previewBody('Hi', 'booking.created', 'sample', { 'client.firstName': 'Robin', 'message.body': 'x' }, ['client.firstName'])).toEqual({
      body: 'Hi',
      triggerType: 'booking.created',
      variables: { 'client.firstName': 'Robin' },
    });
  });
});

describe('the review (issue 20 item 1: each condition in human words)', () => {
  it('says the trigger, the scope, each condition and each action in the detail page’s words', () => {
    const def = {
      name: 'Visit reminder',
      lane: 'front_desk' as const,
      scope: { type: 'client' as const, id: 'c1' },
      trigger: { type: 'window.starting' as const, offsetMinutes: -120 },
      conditions: {
        op: 'or' as const,
        groups: [
          { op: 'and' as const, conditions: [{ field: 'booking.kind', operator: 'eq' as const, value: 'one_time' }, { field: 'booking.status', operator: 'neq' as const, value: 'cancelled' }] },
          { op: 'and' as const, conditions: [{ field: 'booking.kind', operator: 'eq' as const, value: 'weekly' }] },
        ],
      },
      actions: [{ type: 'send_sms' as const, template: 'Hi {{ client.firstName }}' }, { type: 'update_booking_status' as const, status: 'completed' as const }],
    };
    const review = reviewOf(def, { sitters: [], clients: [{ id: 'c1', name: 'Casey Morgan' }] });
    expect(review.trigger).toBe('2 hours before a window starts');
    expect(review.scope).toBe("Only client Casey Morgan's bookings, windows and threads");
    expect(review.conditions).toEqual(['(Booking kind is One-time visit AND Booking status is not Cancelled)', 'OR (Booking kind is Weekly visits)']);
    expect(review.actions).toEqual(['Send SMS to the client: "Hi {{ client.firstName }}"', "Set the booking's status to Completed"]);
    expect(conditionLines({ op: 'and', groups: [] }, [])).toEqual([]);
  });
});

describe('the execution log query', () => {
  it('sends the chosen filters and whole days', () => {
    expect(logQuery({ status: 'all', mode: 'all', from: '', to: '' }, 'UTC').toString()).toBe('pageSize=50');
    expect(Object.fromEntries(logQuery({ status: 'failed', mode: 'live', from: '2027-01-19', to: '2027-01-20' }, 'America/Los_Angeles'))).toEqual({
      pageSize: '50',
      status: 'failed',
      mode: 'live',
      from: '2027-01-19T08:00:00.000Z',
      to: '2027-01-21T08:00:00.000Z',
    });
  });
});
