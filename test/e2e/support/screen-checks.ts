import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Checks run on every screen: axe-core (WCAG 2.1 A/AA rules) and the phone layout rules of
// issue 2 (no sideways scrolling at 360 px, touch targets of at least 48 × 48 px).

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function axeFindings(
  page: Page,
): Promise<{ blocking: AxeFinding[]; minor: AxeFinding[] }> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const findings = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes
      .slice(0, 5)
      .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
  }));
  return {
    blocking: findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'),
    minor: findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical'),
  };
}

export interface LayoutReport {
  viewportWidth: number;
  scrollWidth: number;
  /** Visible controls smaller than 48 × 48 CSS px ("what: width×height"). */
  smallTargets: string[];
}

export async function layoutReport(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const MIN = 48;
    const describe = (el: Element) => {
      const name =
        el.getAttribute('aria-label') ??
        (el as HTMLInputElement).labels?.[0]?.textContent ??
        el.textContent ??
        '';
      return `<${el.tagName.toLowerCase()}${el.getAttribute('type') ? ` type=${el.getAttribute('type')}` : ''}> "${name.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    };
    const small: string[] = [];
    const controls = document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary',
    );
    for (const el of controls) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      // A checkbox or radio is tapped through its label: the label is the target.
      const target = el.matches('input[type=checkbox], input[type=radio]')
        ? (el.closest('label') ?? el)
        : el;
      const r = target.getBoundingClientRect();
      // Visually hidden helpers (1 × 1 px clip) and off-page ones (the skip link sits at
      // left: -9999px until keyboard focus) are not touch targets.
      if (r.width <= 2 || r.height <= 2) continue;
      if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) continue;
      if (r.width < MIN - 0.5 || r.height < MIN - 0.5) {
        small.push(`${describe(el)}: ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return {
      viewportWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      smallTargets: small,
    };
  });
}

/**
 * One screen, settled: no serious or critical axe finding, no sideways scrolling, no touch target
 * under 48 px. Minor axe findings are logged, not failed.
 */
export async function expectCleanScreen(page: Page, name: string): Promise<void> {
  // Let lazy screens, fonts and transitions settle before measuring.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const [{ blocking, minor }, layout] = [await axeFindings(page), await layoutReport(page)];
  if (minor.length > 0) {
    console.log(
      `[a11y] ${name}: minor findings: ${minor.map((f) => `${f.rule} (${f.impact})`).join(', ')}`,
    );
  }
  const problems: string[] = [];
  for (const f of blocking)
    problems.push(`axe ${f.impact} ${f.rule}: ${f.help}\n      ${f.targets.join('\n      ')}`);
  if (layout.scrollWidth > layout.viewportWidth) {
    problems.push(
      `page is ${layout.scrollWidth} px wide in a ${layout.viewportWidth} px viewport (sideways scrolling)`,
    );
  }
  for (const t of layout.smallTargets) problems.push(`touch target under 48 px: ${t}`);
  expect(problems, `${name}:\n  ${problems.join('\n  ')}`).toEqual([]);
}

/**
 * The bottom navigation's labels, left to right, whose text runs closer than 8 px to a
 * neighbour's or spills out of its own link ("Trang chủHoạt động" at 360 px, 4 px apart, before
 * the icons). The text itself is measured (a Range), not the element, which fills its column.
 */
export async function navLabelClashes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const GAP = 8;
    const items = [...document.querySelectorAll('nav.shell__nav a')];
    const boxes = items.map((a) => {
      const label = a.querySelector('.shell__nav-label') ?? a;
      const range = document.createRange();
      range.selectNodeContents(label);
      return {
        text: label.textContent ?? '',
        box: range.getBoundingClientRect(),
        link: a.getBoundingClientRect(),
      };
    });
    const clashes: string[] = [];
    boxes.forEach(({ text, box, link }, i) => {
      if (box.width === 0) clashes.push(`"${text}" is not shown`);
      if (box.left < link.left - 0.5 || box.right > link.right + 0.5)
        clashes.push(`"${text}" spills out of its link`);
      const next = boxes[i + 1];
      if (next && box.right + GAP > next.box.left)
        clashes.push(
          `"${text}" is ${Math.round(next.box.left - box.right)} px from "${next.text}"`,
        );
    });
    if (boxes.length !== 4) clashes.push(`${boxes.length} navigation items, expected 4`);
    return clashes;
  });
}

/**
 * Visible drop-downs whose longest choice does not fit in the box (the desktop records filters
 * cut "Nói chuyện chuyên đề (sinh hoạt cộng đồng)" at 1280 px): the choice's text measured in
 * the select's own font, plus room for the arrow, against the box's inner width.
 */
export async function cutSelects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ARROW = 16;
    const context = document.createElement('canvas').getContext('2d')!;
    const cut: string[] = [];
    for (const select of document.querySelectorAll('select')) {
      if (!select.checkVisibility()) continue;
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const inner =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const option of select.options) {
        const width = context.measureText(option.text).width;
        if (width + ARROW > inner)
          cut.push(
            `"${option.text}": ${Math.ceil(width)} + ${ARROW} px in ${Math.floor(inner)} px`,
          );
      }
    }
    return cut;
  });
}
