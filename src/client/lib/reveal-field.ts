/** The bars that stay on screen over the content: app bar, banners, a form's save bar, menu. */
const OVERLAYS = '.shell__header, .banner, .action-bar, .shell__nav';
const GAP_PX = 8;

/**
 * Scrolls a field (with its label) into the space left between the fixed/sticky bars, then
 * focuses it. scrollIntoView alone puts it under the app bar or behind the save bar and menu.
 */
export function revealField(target: HTMLElement): void {
  const frame = (target.closest('.field, fieldset') as HTMLElement | null) ?? target;
  const { top: clearTop, bottom: clearBottom } = clearArea(target);
  const rect = frame.getBoundingClientRect();
  const room = clearBottom - clearTop - 2 * GAP_PX;
  let delta = 0;
  // A frame taller than the room shows its top (label and input), the rest scrolls below.
  if (rect.top < clearTop + GAP_PX || rect.height > room) delta = rect.top - clearTop - GAP_PX;
  else if (rect.bottom > clearBottom - GAP_PX) delta = rect.bottom - clearBottom + GAP_PX;
  if (delta !== 0) window.scrollBy({ top: delta, behavior: 'instant' });
  target.focus({ preventScroll: true });
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
