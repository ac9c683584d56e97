import {
  pulledPageSchema,
  pushResponseSchema,
  type Mutation,
  type PulledPage,
  type PushResponse,
} from '../../../../shared/sync/sync-protocol';
import { request, type AuthorizedConfig } from '../../../lib/http/api-client';
import { compileAcceptor } from '../../../../shared/validation/zod-accept';

// The sync endpoints. Only the sync engine calls them.

// A page of 1,000 changes through zod's general machinery cost a new phone's first sync ~0.6 s
// at 4× CPU; the compiled acceptor gives zod's output for a page zod accepts (zod-accept.ts),
// and anything it is unsure of goes through zod itself.
let acceptPage: ((json: unknown) => PulledPage | undefined) | undefined;

export async function pushMutations(
  config: AuthorizedConfig,
  mutations: readonly Mutation[],
): Promise<PushResponse> {
  return request(config, 'POST', '/api/sync/push', config.token, { mutations }, pushResponseSchema);
}

export async function pullChanges(
  config: AuthorizedConfig,
  since: string,
  limit: number,
  /** Ask for `records` (activity records this pull brings): the first page of a pull. */
  countRecords = false,
): Promise<PulledPage> {
  const query = new URLSearchParams({ since, limit: String(limit) });
  if (countRecords) query.set('count', 'records');
  return request(
    config,
    'GET',
    `/api/sync/pull?${query}`,
    config.token,
    undefined,
    // Tolerant of collections a newer server adds: the engine applies the page up to them.
    pulledPageSchema,
    (acceptPage ??= compileAcceptor(pulledPageSchema)),
  );
}
