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
): Promise<PullResponse> {
  const query = new URLSearchParams({ since, limit: String(limit) });
  return request(
    config,
    'GET',
    `/api/sync/pull?${query}`,
    config.token,
    undefined,
    pullResponseSchema,
  );
}
