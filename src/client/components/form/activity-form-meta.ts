import { createContext, useContext } from 'react';

/** What the open activity form tells its fields: which are required, their text limits. */
export interface ActivityFormMeta {
  required: ReadonlySet<string>;
  maxLength: (field: string) => number | undefined;
}

const NONE: ActivityFormMeta = { required: new Set(), maxLength: () => undefined };

export const ActivityFormMetaContext = createContext<ActivityFormMeta>(NONE);

export function useActivityFormMeta(): ActivityFormMeta {
  return useContext(ActivityFormMetaContext);
}
