import { boundedMemo } from './memo';

describe('boundedMemo', () => {
  it('computes each key once, null and undefined answers included', () => {
    const compute = jest.fn((key: string) => (key === 'none' ? null : key === 'gone' ? undefined : key.length));
    const memo = boundedMemo(10, compute);
    expect([memo('abc'), memo('abc'), memo('none'), memo('none'), memo('gone'), memo('gone')]).toEqual([3, 3, null, null, undefined, undefined]);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('forgets everything at its limit and computes again', () => {
    const compute = jest.fn((key: number) => key * 2);
    const memo = boundedMemo(2, compute);
    memo(1);
    memo(2);
    memo(3); // the third key clears the first two
    expect(memo(3)).toBe(6);
    expect(memo(1)).toBe(2);
    expect(compute.mock.calls.map((c) => c[0])).toEqual([1, 2, 3, 1]);
  });
});
