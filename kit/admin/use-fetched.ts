import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorSentence } from './error-sentence';

/** A GET's state: null while it loads, its answer's body, or the server's sentence when it failed. */
export type Fetched<T> = { data: T } | { problem: string } | null;

/**
 * One GET's answer (the whole body), asked again when `path` changes (the last answer stays until the next arrives); an answer that
 * arrives after the path changed (or the page closed) is dropped. `path` null asks nothing.
 */
export function useFetched<T>(path: string | null): Fetched<T> {
  const { get } = useFetchClient();
  const [state, setState] = useState<Fetched<T>>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    get<T>(path)
      .then(({ data: body }) => current && setState({ data: body }))
      .catch((error) => current && setState({ problem: errorSentence(error) }));
    return () => {
      current = false;
    };
  }, [get, path]);
  return state;
}

/**
 * One GET's `data` for a page's pickers (the sitters, the inventory's numbers…), asked again when `path` changes;
 * `fallback` while it loads, when it fails (a role that may not read it), or when `path` is null (not wanted).
 */
export function useFetchedData<T>(path: string | null, fallback: T): T {
  const state = useFetched<{ data: T }>(path);
  return state && 'data' in state ? state.data.data : fallback;
}
