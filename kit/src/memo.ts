/**
 * A pure function's answers, remembered by key for a hot path (issue 24: phone numbers, profile fields, statement
 * texts); at `limit` entries it forgets everything and starts again, so it never grows without bound.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
