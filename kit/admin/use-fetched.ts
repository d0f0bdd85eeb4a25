import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/**
 * One GET's `data` for a page's pickers (the sitters, the inventory's numbers…), asked again when `path` changes;
 * `fallback` while it loads, when it fails (a role that may not read it), or when `path` is null (not wanted).
 */
export function useFetchedData<T>(path: string | null, fallback: T): T {
  const { get } = useFetchClient();
  const [data, setData] = useState<T>(fallback);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    get<{ data: T }>(path)
      .then(({ data: body }) => current && setData(body.data))
      .catch(() => current && setData(fallback));
    return () => {
      current = false;
    };
    // The fallback is a constant of the caller's; asking again for a new array each render would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, path]);
  return data;
}
