import {
  COLLECTIONS,
  type Change,
  type PulledChange,
  type PulledPage,
  type PullResponse,
} from '../../../../shared/sync/sync-protocol';

// Forward-compatible pull. A newer server may send a collection (or op) this app version does
// not know. Refusing the page would stop this phone's sync until the officer updates; skipping
// the change would lose it for good (the cursor would pass it). Instead the page is applied up
// to the first change the app does not understand, and the cursor stops just before it: nothing
// is skipped, and the updated app pulls on from there.

export interface KnownPart {
  /** The changes this version applies, with the cursor after the last of them. */
  page: PullResponse;
  /** The first change not understood (its collection), or null when the page is all known. */
  unknown: { collection: string; op: string; rev: number } | null;
}

const isKnown = (change: PulledChange): change is Change =>
  (COLLECTIONS as readonly string[]).includes(change.collection) &&
  (change.op === 'upsert' || change.op === 'delete');

/**
 * The page cut before its first unknown change. `since` is the cursor the page was asked with:
 * the cursor stays there when nothing before the unknown change can be applied.
 */
export function knownPart(pulled: PulledPage, since: string): KnownPart {
  const index = pulled.changes.findIndex((change) => !isKnown(change));
  if (index === -1) return { page: pulled as PullResponse, unknown: null };
  const first = pulled.changes[index]!;
  // Versions are strictly increasing along a page; a change sharing the unknown one's version
  // is left for later too, so the cursor never passes a version not wholly applied.
  const applied = (pulled.changes.slice(0, index) as Change[]).filter((c) => c.rev < first.rev);
  const last = applied.at(-1);
  const cursor = last ? (cursorAt(pulled.cursor, last.rev) ?? since) : since;
  return {
    page: {
      ...pulled,
      changes: applied,
      cursor,
      // More is there (the unknown change at least): a restarted feed's sweep must not run yet.
      hasMore: true,
      remaining: undefined,
    },
    unknown: { collection: first.collection, op: first.op, rev: first.rev },
  };
}

/**
 * The server's cursor moved back to `version`: cursors are `version` or `version.scopeKey`
 * (docs/sync-protocol.md). An unreadable cursor gives null: then the cursor does not move.
 */
export function cursorAt(cursor: string, version: number): string | null {
  const match = /^\d{1,15}(\.[0-9a-f]+)?$/.exec(cursor);
  if (!match || !Number.isSafeInteger(version) || version < 0) return null;
  return `${version}${match[1] ?? ''}`;
}
