import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import { problemReason } from '../../../shared/i18n/problem-message';
import {
  MAX_PUSH_MUTATIONS,
  mutationIdsSchema,
  mutationSchema,
  pushEnvelopeSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../../shared/sync/sync-protocol';
import { toFieldErrors } from '../../../shared/validation/field-errors';
import { parseJsonText } from '../../http/json-body';
import { parseWith } from '../../http/parse';
import { invalidBody, payloadTooLarge } from '../../http/problem';
import { prepareMutation, type Caller, type PreparedMutation } from './prepare-mutation';

// A push request from its body's text to its answer, the same on whichever thread it runs: on
// SQLite in the push worker (the text is the only thing copied to it: one string, not an object
// graph, and no JSON.parse of ~1 kB per record on the server's event loop), on PostgreSQL on
// the server's thread.

/** The mutations of a push body: its text parsed and its envelope checked (400 / 413). */
export function pushItems(text: string): unknown[] {
  const body = parseJsonText(text);
  const mutations = (body as { mutations?: unknown } | null)?.mutations;
  // Too many mutations is the client's batch size, not a malformed request: 413, so it splits.
  if (Array.isArray(mutations) && mutations.length > MAX_PUSH_MUTATIONS) {
    throw payloadTooLarge('tooManyMutations', { max: MAX_PUSH_MUTATIONS });
  }
  return parseWith(pushEnvelopeSchema, body).mutations;
}

/** Which records, mutation ids and photos a push body names, before any of it is checked. */
export interface NamedInPush {
  recordIds: Set<string>;
  mutationIds: Set<string>;
  photoHashes: Set<string>;
}

/**
 * The ids every mutation of `items` names, valid or not (a superset of what the checked ones
 * name: checking keeps an id as sent): what a PostgreSQL push locks and reads while its
 * mutations are checked (SyncService.push).
 */
export function namedInPush(items: readonly unknown[]): NamedInPush {
  const named: NamedInPush = {
    recordIds: new Set(),
    mutationIds: new Set(),
    photoHashes: new Set(),
  };
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const { mutationId, recordId, data } = item as Record<string, unknown>;
    if (typeof mutationId === 'string') named.mutationIds.add(mutationId);
    if (typeof recordId === 'string') named.recordIds.add(recordId);
    const photos = (data as { photos?: unknown } | null | undefined)?.photos;
    if (!Array.isArray(photos)) continue;
    for (const photo of photos) {
      const sha256 = (photo as { sha256?: unknown } | null)?.sha256;
      if (typeof sha256 === 'string') named.photoHashes.add(sha256);
    }
  }
  return named;
}

/**
 * Checks each mutation alone (a malformed one is only itself refused), prepares the valid ones
 * and has `apply` run them in one transaction; the answer lists every mutation in order.
 */
export async function answerPush(
  items: readonly unknown[],
  caller: Caller,
  catalog: GeographyCatalog,
  today: string,
  apply: (prepared: PreparedMutation[]) => Promise<MutationResult[]>,
): Promise<PushResponse> {
  const checked = items.map(checkMutation);
  const valid = checked.filter((c): c is Mutation => !('status' in c));
  const prepared = valid.map((m) => prepareMutation(m, caller, catalog, today));
  const applied = prepared.length === 0 ? [] : await apply(prepared);
  let next = 0;
  return { results: checked.map((c) => ('status' in c ? c : applied[next++]!)) };
}

/**
 * A mutation as the device sent it: valid, or its `rejected` result. One without usable ids
 * cannot be answered on its own: the request is a 400, as a client bug.
 */
function checkMutation(item: unknown, index: number): Mutation | MutationResult {
  const parsed = mutationSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const ids = mutationIdsSchema.safeParse(item);
  if (!ids.success) {
    throw invalidBody(
      ids.error.issues.map((issue) => ({ ...issue, path: ['mutations', index, ...issue.path] })),
    );
  }
  return {
    ...ids.data,
    status: 'rejected',
    ...problemReason('invalidMutation'),
    errors: toFieldErrors(parsed.error.issues),
  };
}
