import type { Change, PullResponse } from '../../../shared/sync/sync-protocol';
import type { PublicUser } from '../../../shared/auth/auth-protocol';
import type { FeedHead, FeedRow } from './sync.repository';

export interface PageTail {
  user?: PublicUser;
  remaining?: number | undefined;
  records?: number | undefined;
  restarted?: boolean;
}

/**
 * The JSON of a pull page (a PullResponse) as UTF-8 bytes, from each change's own bytes
 * (changeJson). `changes.data` was written by the server itself with JSON.stringify, so parsing
 * it only to stringify it again would change nothing; and bytes, not one big string: the page
 * goes to the compressor as UTF-8, and Vietnamese text in a JS string is UTF-16.
 */
export function pullPageBytes(
  changes: readonly Buffer[],
  cursor: string,
  hasMore: boolean,
  extra: PageTail = {},
): Buffer {
  const tail: Omit<PullResponse, 'changes'> = { cursor, hasMore };
  if (extra.user) tail.user = extra.user;
  if (extra.remaining !== undefined) tail.remaining = extra.remaining;
  if (extra.records !== undefined) tail.records = extra.records;
  if (extra.restarted) tail.restarted = true;
  const parts: Buffer[] = [OPEN];
  for (const [i, change] of changes.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(change);
  }
  parts.push(Buffer.from(asciiJson(`],${JSON.stringify(tail).slice(1)}`), 'utf8'));
  return Buffer.concat(parts);
}

const OPEN = Buffer.from('{"changes":[', 'utf8');
const COMMA = Buffer.from(',', 'utf8');

/** The page as text (tests, and readers of a few rows). */
export function pullPageJson(
  rows: readonly FeedRow[],
  visibleUnits: Set<string> | null,
  cursor: string,
  hasMore: boolean,
  extra: PageTail = {},
): string {
  const changes = rows.map((row) => {
    const hidden = isHidden(row, visibleUnits);
    return Buffer.from(changeJson(row, hidden ? null : row.data, hidden), 'utf8');
  });
  return pullPageBytes(changes, cursor, hasMore, extra).toString('utf8');
}

/**
 * A version whose record left the reader's units arrives as a tombstone for that reader.
 * `visibleUnits` holds `geographyId/code` keys: a code means nothing without its geography.
 */
export function isHidden(row: FeedHead, visibleUnits: Set<string> | null): boolean {
  return (
    row.collection === 'activities' &&
    visibleUnits !== null &&
    (row.commune_code === null ||
      row.geography_id === null ||
      !visibleUnits.has(`${row.geography_id}/${row.commune_code}`))
  );
}

/** One change's JSON, its stored `data` spliced in as it is (null for a delete or a tombstone). */
export function changeJson(row: FeedHead, data: string | null, hidden: boolean): string {
  const op = hidden ? 'delete' : row.op;
  const json = op === 'delete' || data === null ? 'null' : data;
  // Keys in the order of `Change`; every value but `data` is encoded by JSON.stringify.
  const head: Pick<Change, 'collection' | 'recordId' | 'op' | 'rev'> = {
    collection: row.collection,
    recordId: row.record_id,
    op,
    rev: Number(row.version),
  };
  const tail: Pick<Change, 'updatedBy' | 'updatedAt'> = {
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
  return asciiJson(
    `${JSON.stringify(head).slice(0, -1)},"data":${json},${JSON.stringify(tail).slice(1)}`,
  );
}

const NON_ASCII = /[\u0080-\uffff]/g;
const escapes = new Map<string, string>();
const escapeOf = (c: string): string => {
  let escaped = escapes.get(c);
  if (escaped === undefined) {
    escaped = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    escapes.set(c, escaped);
  }
  return escaped;
};

/**
 * The same JSON with every non-ASCII character written as a \uXXXX escape (JSON.parse gives
 * back the same value). A phone's first sync spends much of its main thread outside JavaScript
 * turning each page's UTF-8 into a string, and Chromium decodes pure ASCII about twice as fast
 * as Vietnamese UTF-8 (1 MB pages at 4× CPU: `await response.json()` ~0.3–0.6 s against
 * ~0.8 s; docs/performance.md). The bytes grow ~8 % before compression, about nothing after it.
 * A change's JSON is written once per version and kept (ChangeFragments).
 */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, escapeOf);
}
