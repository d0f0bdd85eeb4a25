import { checkTemplate, renderTemplate } from './templates';
import { checkDefinition, definitionHash } from './definition';

describe('checkTemplate: only the trigger’s variables (OPS §3.6 "Template variables must be validated")', () => {
  it.each<[string, string, Parameters<typeof checkTemplate>[1], ReturnType<typeof checkTemplate>]>([
    ['known variables', 'Hi {{client.firstName}}, see you {{ booking.startsAtLocal }}', 'booking.created', { ok: true }],
    ['a filter on a known variable', 'Hi {{ client.firstName | upcase }}', 'booking.created', { ok: true }],
    ['an unknown variable', 'Hi {{client.nickname}}', 'booking.created', { ok: false, kind: 'undefined', names: ['client.nickname'] }],
    ['unknown inside a tag', '{% if pet.name %}x{% endif %}', 'booking.created', { ok: false, kind: 'undefined', names: ['pet.name'] }],
    ['a variable of another trigger', 'You said {{ message.body }}', 'booking.created', { ok: false, kind: 'undefined', names: ['message.body'] }],
    ['the same name twice is listed once', '{{ a.b }} {{ a.b }}', 'message.received', { ok: false, kind: 'undefined', names: ['a.b'] }],
    ['window variables on a window trigger', '{{ window.startsAtLocal }}', 'window.starting', { ok: true }],
  ])('%s', (_name, template, trigger, expected) => {
    expect(checkTemplate(template, trigger)).toEqual(expected);
  });

  it('a template that cannot be parsed gets a sentence', () => {
    expect(checkTemplate('Hi {{ client.firstName', 'booking.created')).toEqual({ ok: false, kind: 'syntax', message: expect.stringMatching(/^The template cannot be read: .*Check its \{\{ \}\} and \{% %\} tags\.$/) });
  });
});

describe('renderTemplate', () => {
  it('renders nested variables, blank for a known variable without a value', () => {
    expect(renderTemplate('Hi {{client.firstName}}{% if sitter.firstName != "" %}, {{sitter.firstName}} says hello{% endif %}.', { 'client.firstName': 'Jordan', 'sitter.firstName': null })).toBe('Hi Jordan.');
  });
  it('refuses a variable the context lacks with the spec sentence', () => {
    expect(() => renderTemplate('Hi {{client.nickname}}', { 'client.firstName': 'Jordan' })).toThrow('Template uses undefined variables: client.nickname. Define variables first.');
  });
});

describe('checkDefinition: the builder’s steps in order', () => {
  const base = { name: 'X', lane: 'front_desk' as const, trigger: { type: 'booking.created' as const }, actions: [{ type: 'send_sms' as const, template: 'Hi {{ client.firstName }}' }] };
  it('needs a trigger first', () => {
    expect(checkDefinition({ ...base, trigger: undefined })).toEqual({ ok: false, problems: [{ path: 'trigger', message: 'Trigger is required. Configure trigger in Step 2.' }] });
  });
  it('needs an action', () => {
    expect(checkDefinition({ ...base, actions: [] })).toMatchObject({ ok: false, problems: [{ path: 'actions', message: 'At least one action is required. Add actions in Step 4.' }] });
  });
  it('lists every undefined variable across actions in one sentence', () => {
    const result = checkDefinition({ ...base, actions: [{ type: 'send_sms', template: '{{ a.b }}' }, { type: 'create_task', text: '{{ c.d }} {{ a.b }}' }] });
    expect(result).toEqual({ ok: false, problems: [{ path: 'actions', message: 'Template uses undefined variables: a.b, c.d. Define variables first.' }] });
  });
  it('refuses an operator the field’s type cannot use, and an offset on a booking trigger', () => {
    const result = checkDefinition({ ...base, trigger: { type: 'booking.created', offsetMinutes: 30 }, conditions: { op: 'and', groups: [{ op: 'and', conditions: [{ field: 'booking.kind', operator: 'gt', value: 3 }] }] } });
    expect(result).toMatchObject({ ok: false, problems: [{ message: 'Booking created takes no offset; only window triggers do.' }, { message: 'Booking kind cannot use gt. Pick another operator in Step 3.' }] });
  });
  it('defaults scope and conditions; the hash ignores the name and changes with the behaviour', () => {
    const result = checkDefinition(base);
    if (!result.ok) throw new Error('expected ok');
    expect(result.definition).toMatchObject({ scope: { type: 'global' }, conditions: { op: 'and', groups: [] } });
    const renamed = checkDefinition({ ...base, name: 'Y', lane: 'billing' });
    const changed = checkDefinition({ ...base, actions: [{ type: 'send_sms', template: 'Hello {{ client.firstName }}' }] });
    if (!renamed.ok || !changed.ok) throw new Error('expected ok');
    expect(definitionHash(renamed.definition)).toBe(definitionHash(result.definition));
    expect(definitionHash(changed.definition)).not.toBe(definitionHash(result.definition));
  });
});
