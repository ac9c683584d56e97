import {
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../../../../shared/sync/sync-protocol';
import { request, type AuthorizedConfig } from '../../../lib/http/api-client';

// The sync endpoints. Only the sync engine calls them.

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
  /** Ask for `remaining` (activity changes after this page): the first page of a pull. */
  countActivities = false,
): Promise<PullResponse> {
  const query = new URLSearchParams({ since, limit: String(limit) });
  if (countActivities) query.set('count', 'activities');
  return request(
    config,
    'GET',
    `/api/sync/pull?${query}`,
    config.token,
    undefined,
    pullResponseSchema,
  );
}
