import { useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches, kept live as the window is resized (false where the browser
 * has no matchMedia). For a layout that differs in markup, not only in style — a table on a
 * desktop, cards on a phone — so only one of them is in the page and its accessibility tree.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined;
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}
