import { conditionHolds, evaluateConditions } from './conditions';
import type { Condition, Conditions } from '../../../shared/contracts';

const c = (field: string, operator: Condition['operator'], value: Condition['value']): Condition => ({ field, operator, value });

describe('conditionHolds: one condition against the context value', () => {
  it.each<[string, Condition, string | number | null, boolean]>([
    ['eq on text ignores case and spaces', c('client.firstName', 'eq', ' jordan '), 'Jordan', true],
    ['eq on text differs', c('client.firstName', 'eq', 'Casey'), 'Jordan', false],
    ['eq on a number compares numbers', c('booking.durationMinutes', 'eq', '120'), 120, true],
    ['neq', c('booking.status', 'neq', 'cancelled'), 'confirmed', true],
    ['neq holds for a missing value', c('sitter.firstName', 'neq', 'Sam'), null, true],
    ['eq never holds for a missing value', c('sitter.firstName', 'eq', 'Sam'), null, false],
    ['in with a list', c('booking.kind', 'in', ['one_time', 'meet_and_greet']), 'meet_and_greet', true],
    ['in with a comma list', c('booking.kind', 'in', 'one_time, weekly'), 'weekly', true],
    ['in misses', c('booking.kind', 'in', ['one_time']), 'weekly', false],
    ['gt', c('booking.durationMinutes', 'gt', 60), 120, true],
    ['gt at the bound', c('booking.durationMinutes', 'gt', 120), 120, false],
    ['lt', c('booking.durationMinutes', 'lt', '90'), 60, true],
    ['gt with a value that is not a number', c('booking.durationMinutes', 'gt', 'many'), 60, false],
    ['contains ignores case', c('message.body', 'contains', 'CANCEL'), 'Please cancel Friday', true],
    ['contains misses', c('message.body', 'contains', 'refund'), 'Please cancel Friday', false],
  ])('%s', (_name, condition, actual, expected) => {
    expect(conditionHolds(condition, actual)).toBe(expected);
  });
});

describe('evaluateConditions: groups with AND/OR, every value reported', () => {
  const vars = { 'booking.kind': 'one_time', 'booking.status': 'confirmed', 'client.firstName': 'Jordan' };
  const group = (op: 'and' | 'or', ...conditions: Condition[]) => ({ op, conditions });
  it.each<[string, Conditions, boolean]>([
    ['no groups hold', { op: 'and', groups: [] }, true],
    ['an empty group holds', { op: 'and', groups: [group('and')] }, true],
    ['and within a group: all', { op: 'and', groups: [group('and', c('booking.kind', 'eq', 'one_time'), c('booking.status', 'eq', 'confirmed'))] }, true],
    ['and within a group: one fails', { op: 'and', groups: [group('and', c('booking.kind', 'eq', 'one_time'), c('booking.status', 'eq', 'completed'))] }, false],
    ['or within a group', { op: 'and', groups: [group('or', c('booking.kind', 'eq', 'weekly'), c('booking.status', 'eq', 'confirmed'))] }, true],
    ['and between groups', { op: 'and', groups: [group('and', c('booking.kind', 'eq', 'one_time')), group('and', c('client.firstName', 'eq', 'Casey'))] }, false],
    ['or between groups', { op: 'or', groups: [group('and', c('booking.kind', 'eq', 'weekly')), group('and', c('client.firstName', 'eq', 'Jordan'))] }, true],
  ])('%s', (_name, conditions, matched) => {
    expect(evaluateConditions(conditions, vars, 'booking.created').matched).toBe(matched);
  });

  it('reports each condition with its actual value in words', () => {
    const { results } = evaluateConditions({ op: 'and', groups: [group('and', c('booking.kind', 'eq', 'weekly'), c('sitter.firstName', 'eq', 'Sam'))] }, vars, 'booking.created');
    expect(results).toEqual([
      { group: 0, field: 'booking.kind', operator: 'eq', expected: 'weekly', actual: 'one_time', passed: false, text: 'Booking kind is Weekly visits: no (One-time visit)' },
      { group: 0, field: 'sitter.firstName', operator: 'eq', expected: 'Sam', actual: null, passed: false, text: 'Sitter first name is Sam: no (no value)' },
    ]);
  });
});
