import type { FieldErrors } from 'react-hook-form';
import { fieldIds } from '../../../components/form/use-activity-field';

export interface FormErrorItem {
  /** Id of the input to go to (fieldIds of the path), or of the section that holds it. */
  id: string;
  label: string;
  message: string;
}

/**
 * How to name an error whose field is not drawn (an attendee's year of birth: the row shows
 * the person, not the boxes, until "Sửa"): its words and where to go instead.
 */
export type UndrawnError = (path: string) => { label: string; message: string; id: string };

/** Each field in error once, by its dotted path (react-hook-form nests them). */
export function errorPaths(errors: FieldErrors | undefined, prefix = ''): string[] {
  if (!errors) return [];
  const paths: string[] = [];
  for (const [key, e] of Object.entries(errors)) {
    if (!e || typeof e !== 'object' || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ('message' in e && typeof e.message === 'string') paths.push(path);
    else paths.push(...errorPaths(e as FieldErrors, path));
  }
  return paths;
}

/** The message key react-hook-form holds at a dotted path ('attendees.1.birthYear'). */
export function messageAt(errors: FieldErrors | undefined, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * The errors as the officer sees them, in the order of the form on screen: each field's label
 * and the message drawn under it (read from the page, so the list says exactly the same).
 */
export function visibleErrorItems(
  form: HTMLElement | null,
  paths: string[],
  undrawn?: UndrawnError,
): FormErrorItem[] {
  if (!form) return [];
  const items: { item: FormErrorItem; el: HTMLElement | null }[] = paths.map((path) => {
    const { id, errorId } = fieldIds(path);
    const el = document.getElementById(id);
    if (!el && undrawn) {
      const item = undrawn(path);
      return { item, el: document.getElementById(item.id) };
    }
    const label = fieldLabel(path);
    const message = document.getElementById(errorId)?.textContent ?? '';
    return { item: { id, label, message: message.replace(/^⚠\s*/, '') }, el };
  });
  items.sort((a, b) => {
    if (!a.el || !b.el) return a.el ? -1 : b.el ? 1 : 0;
    return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return items.map((x) => x.item);
}

/** The first field shown in error in the form, top to bottom. */
export function firstErrorField(form: HTMLElement | null): HTMLElement | null {
  const message = form?.querySelector<HTMLElement>('.field__error[id$="-error"]');
  return message ? document.getElementById(message.id.slice(0, -'-error'.length)) : null;
}

/**
 * A field's name as the officer reads it on screen: its label, after the name of its subgroup
 * when several subgroups repeat the same labels ("Tờ rơi – Số lượng in").
 */
export function fieldLabel(path: string): string {
  const { id } = fieldIds(path);
  const el = document.getElementById(id);
  const label =
    document.querySelector(`label[for="${id}"]`)?.textContent?.trim() ??
    el?.closest('fieldset')?.querySelector('legend')?.textContent?.trim() ??
    path;
  const group = el?.closest('fieldset.subgroup')?.querySelector('legend')?.textContent?.trim();
  return group && group !== label ? `${group} – ${label}` : label;
}
