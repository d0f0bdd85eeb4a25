import { countDeliveries, percentileOfSorted, summarizeLatencies } from './latency-summary';

describe('percentileOfSorted (nearest rank)', () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 99, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 75, 3],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
  ])('%j at p%d is %p', (samples, p, expected) => {
    expect(percentileOfSorted(samples, p)).toBe(expected);
  });
});

describe('summarizeLatencies', () => {
  it('sorts the samples itself and reports max and mean', () => {
    expect(summarizeLatencies([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
  });
  it('reports nothing rather than zero when there are no samples', () => {
    expect(summarizeLatencies([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null, mean: null });
  });
});

describe('countDeliveries', () => {
  const expected = new Map([
    ['m1', new Set(['a', 'b'])],
    ['m2', new Set(['a', 'b'])],
  ]);
  it('counts a recipient that never heard a message as lost', () => {
    const heard = new Map([['m1', new Map([['a', 1], ['b', 1]])], ['m2', new Map([['a', 1]])]]);
    expect(countDeliveries(expected, heard)).toEqual({ expected: 4, delivered: 3, lost: 1, duplicated: 0 });
  });
  it('counts every extra hearing as a duplicate', () => {
    const heard = new Map([['m1', new Map([['a', 3], ['b', 1]])], ['m2', new Map([['a', 1], ['b', 1]])]]);
    expect(countDeliveries(expected, heard)).toEqual({ expected: 4, delivered: 4, lost: 0, duplicated: 2 });
  });
  it('counts a message heard by someone it was not meant for as a duplicate', () => {
    const heard = new Map([['m1', new Map([['a', 1], ['b', 1], ['c', 1]])], ['m2', new Map([['a', 1], ['b', 1]])]]);
    expect(countDeliveries(expected, heard)).toEqual({ expected: 4, delivered: 4, lost: 0, duplicated: 1 });
  });
});
