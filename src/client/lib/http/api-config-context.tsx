import { createContext, useContext, type ReactNode } from 'react';
import type { ApiConfig } from './api-client';

// Where the API is, for screens that call it directly (the accounts screens); the app's own
// origin unless a test or an embedding says otherwise.
const ApiConfigContext = createContext<ApiConfig>({});

export function ApiConfigProvider({ api, children }: { api: ApiConfig; children: ReactNode }) {
  return <ApiConfigContext.Provider value={api}>{children}</ApiConfigContext.Provider>;
}

export function useApiConfig(): ApiConfig {
  return useContext(ApiConfigContext);
}
