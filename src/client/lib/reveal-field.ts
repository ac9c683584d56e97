/** The bars that stay on screen over the content: app bar, banners, a form's save bar, menu. */
const OVERLAYS = '.shell__header, .banner, .action-bar, .shell__nav';
const GAP_PX = 8;

/**
 * Scrolls a field (with its label) into the space left between the fixed/sticky bars, then
 * focuses it. scrollIntoView alone puts it under the app bar or behind the save bar and menu.
 */
export function revealField(target: HTMLElement): void {
  const frame = (target.closest('.field, fieldset') as HTMLElement | null) ?? target;
  scrollIntoClearArea(frame, target, true);
  target.focus({ preventScroll: true });
}

/**
 * Keeps the box that takes focus out from under the bars, whatever moved focus there: Tab from
 * a keyboard scrolls only "into view", which at 360 × 740 left a third of a form's boxes behind
 * the save bar and the menu (WCAG 2.4.11). Installed once by the app shell; returns its removal.
 */
export function keepFocusClearOfBars(): () => void {
  const onFocus = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.closest(OVERLAYS)) return;
    // Only what Tab reaches: <main>, a heading or a card focused by the app (tabindex -1) is
    // placed by whoever focused it (a new screen opens at its top).
    if (target.tabIndex < 0) return;
    // After the browser's own scroll to the focused box.
    requestAnimationFrame(() => {
      if (document.activeElement !== target) return;
      // The box with its label (a checkbox's whole row); the box alone when that is too tall.
      const frame = (target.closest('.choice, .field') as HTMLElement | null) ?? target;
      scrollIntoClearArea(frame, target, false);
    });
  };
  document.addEventListener('focusin', onFocus);
  return () => document.removeEventListener('focusin', onFocus);
}

/**
 * Scrolls so that `frame` lies between the bars. Too tall for the room: its top is shown
 * (`topFirst`, a field with its label) or else the target itself.
 */
function scrollIntoClearArea(frame: HTMLElement, target: HTMLElement, topFirst: boolean): void {
  const { top: clearTop, bottom: clearBottom } = clearArea(target);
  const room = clearBottom - clearTop - 2 * GAP_PX;
  let rect = frame.getBoundingClientRect();
  // No box (not laid out: hidden, or a DOM without layout): nothing to scroll to.
  if (rect.width === 0 && rect.height === 0) return;
  if (rect.height > room && !topFirst) rect = target.getBoundingClientRect();
  let delta = 0;
  // A frame taller than the room shows its top (label and input), the rest scrolls below.
  if (rect.top < clearTop + GAP_PX || rect.height > room) delta = rect.top - clearTop - GAP_PX;
  else if (rect.bottom > clearBottom - GAP_PX) delta = rect.bottom - clearBottom + GAP_PX;
  if (delta !== 0) window.scrollBy({ top: delta, behavior: 'instant' });
}

/** The band of the window that no bar covers. */
function clearArea(target: HTMLElement): { top: number; bottom: number } {
  let top = 0;
  let bottom = window.innerHeight;
  for (const bar of document.querySelectorAll<HTMLElement>(OVERLAYS)) {
    if (bar.contains(target)) continue;
    const style = getComputedStyle(bar);
    const r = bar.getBoundingClientRect();
    if (r.height === 0) continue;
    if (style.position === 'fixed') {
      if (r.top < window.innerHeight / 2) top = Math.max(top, r.bottom);
      else bottom = Math.min(bottom, r.top);
    } else if (style.position === 'sticky') {
      // Where it sits once stuck (after the scroll), not where it happens to be now.
      if (style.bottom !== 'auto')
        bottom = Math.min(bottom, window.innerHeight - parseFloat(style.bottom) - r.height);
      else top = Math.max(top, (parseFloat(style.top) || 0) + r.height);
    }
  }
  return { top, bottom };
}
