import { formatIsoDate, formatNumber, type AppLocale } from '../format/vi-format';

// How one stored value of a record reads in its history: enum labels, dd/MM/yyyy, 1.500.000,
// lists of people, questions and photos as counts with what was added, removed or edited. Pure;
// the words come from the catalogues through `t`, so the same code speaks vi and en.

/** i18next's `t`, or any function that looks a key up and fills its {{values}}. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface DiffContext {
  t: Translate;
  locale: AppLocale;
  /** The unit's name, when the caller knows the geography (else the code is shown). */
  unitName?: (geographyId: string, code: string) => string | undefined;
}

export type Format = (value: unknown, ctx: DiffContext) => string;

/** Longest text shown per side: a history line, not the whole note. */
const CLIP = 200;
/** Names listed per added / removed / edited group before "and N more". */
const NAMES_SHOWN = 5;

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > CLIP ? `${line.slice(0, CLIP - 1)}…` : line;
}

/** Anything without its own format: never "[object Object]" nor JSON. */
export const plain: Format = (value, { t, locale }) => {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'boolean') return t(value ? 'activityDetail.yes' : 'activityDetail.no');
  return t('history.changed');
};

export const text: Format = (value, ctx) =>
  typeof value === 'string' ? clip(value) : plain(value, ctx);

export const date: Format = (value, ctx) =>
  typeof value === 'string' && value ? formatIsoDate(value) : plain(value, ctx);

export const number: Format = plain;

export const enumLabel =
  (prefix: string): Format =>
  (value, ctx) =>
    typeof value === 'string' && value ? ctx.t(`${prefix}.${value}`) : plain(value, ctx);

export const enumLabels =
  (prefix: string): Format =>
  (value, ctx) =>
    Array.isArray(value)
      ? value.map((v) => enumLabel(prefix)(v, ctx)).join('; ')
      : plain(value, ctx);

export const gps: Format = (value, ctx) => {
  const p = value as { lat?: unknown; lng?: unknown; accuracyM?: unknown } | undefined;
  if (!p || typeof p.lat !== 'number' || typeof p.lng !== 'number') return plain(value, ctx);
  const coordinate = (n: number) => {
    const fixed = n.toFixed(5);
    return ctx.locale === 'vi' ? fixed.replace('.', ',') : fixed;
  };
  return ctx.t('history.gps', {
    lat: coordinate(p.lat),
    lng: coordinate(p.lng),
    m: formatNumber(Math.round(typeof p.accuracyM === 'number' ? p.accuracyM : 0), ctx.locale),
  });
};

function nameList(names: string[], ctx: DiffContext): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const more = names.length - NAMES_SHOWN;
  return more > 0
    ? `${shown} ${ctx.t('history.andMore', { n: formatNumber(more, ctx.locale) })}`
    : shown;
}

/** How a list of items (attendees, questions, photos) is counted and named. */
export interface Collection {
  /** Key of "{{n}} người" / "{{n}} câu hỏi" / "{{n}} ảnh". */
  countKey: string;
  idOf: (item: Record<string, unknown>, index: number) => string;
  nameOf: (item: Record<string, unknown>, index: number, ctx: DiffContext) => string;
}

function itemsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

/** The list's size before, and after with what was added, removed and edited (by id). */
export function collectionValues(
  kind: Collection,
  before: unknown,
  after: unknown,
  ctx: DiffContext,
): [string, string] {
  const old = itemsOf(before);
  const now = itemsOf(after);
  const oldById = new Map(old.map((item, i) => [kind.idOf(item, i), item]));
  const nowIds = new Set(now.map((item, i) => kind.idOf(item, i)));
  const added: string[] = [];
  const edited: string[] = [];
  now.forEach((item, i) => {
    const was = oldById.get(kind.idOf(item, i));
    if (!was) added.push(kind.nameOf(item, i, ctx));
    else if (JSON.stringify(was) !== JSON.stringify(item)) edited.push(kind.nameOf(item, i, ctx));
  });
  const removed = old.flatMap((item, i) =>
    nowIds.has(kind.idOf(item, i)) ? [] : [kind.nameOf(item, i, ctx)],
  );
  const count = (n: number) => ctx.t(kind.countKey, { n: formatNumber(n, ctx.locale) });
  const parts = (
    [
      ['history.added', added],
      ['history.removed', removed],
      ['history.edited', edited],
    ] as const
  )
    .filter(([, names]) => names.length > 0)
    .map(([key, names]) => ctx.t(key, { names: nameList(names, ctx) }));
  const afterText = parts.length ? `${count(now.length)} (${parts.join('; ')})` : count(now.length);
  return [before === undefined && old.length === 0 ? '' : count(old.length), afterText];
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value : '');

export const attendees: Collection = {
  countKey: 'history.people',
  idOf: (a, i) => stringOf(a.id) || `#${i}`,
  nameOf: (a) => clip(stringOf(a.fullName)) || '?',
};

export const questions: Collection = {
  countKey: 'history.questions',
  idOf: (q, i) => stringOf(q.id) || `#${i}`,
  nameOf: (q, i, ctx) => {
    const content = clip(stringOf(q.content));
    return content.length > 60
      ? `«${content.slice(0, 59)}…»`
      : content
        ? `«${content}»`
        : ctx.t('history.questionN', { n: i + 1 });
  },
};

export const photos: Collection = {
  countKey: 'history.photos',
  idOf: (p, i) => stringOf(p.sha256) || `#${i}`,
  nameOf: (p, i, ctx) =>
    clip(stringOf(p.caption)) ||
    (p.signedSheet === true
      ? ctx.t('photos.signedSheetShort')
      : ctx.t('history.photoN', { n: i + 1 })),
};
