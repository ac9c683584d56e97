import { useMemo } from 'react';
import type { AuthorizedConfig } from '../../../lib/http/api-client';
import { useApiConfig } from '../../../lib/http/api-config-context';
import { useSession } from '../session-context';

/** Where the API is and the signed-in officer's token, for this feature's calls. */
export function useAuthorizedApi(): AuthorizedConfig {
  const api = useApiConfig();
  const { token } = useSession();
  return useMemo(() => ({ ...api, token }), [api, token]);
}
