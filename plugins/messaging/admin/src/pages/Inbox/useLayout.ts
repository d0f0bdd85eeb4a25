import { useEffect, useState, type RefObject } from 'react';

/** Phones and narrow windows stack list → thread → audit instead of three squeezed columns (issue 13 item 6). */
export const NARROW_QUERY = '(max-width: 767px)';

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/**
 * The height that lets an element end at the bottom of the window (from where it starts on the page), so a long
 * thread scrolls inside it and its compose box stays on screen.
 */
export function useFillHeight(ref: RefObject<HTMLElement>, { min = 360, gap = 24 } = {}): number | undefined {
  const [height, setHeight] = useState<number>();
  useEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - gap)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return height;
}
