import { useLiveQuery } from 'dexie-react-hooks';
import { useAppDb } from '../../../db/app-db-context';
import { loadAdminUnitTree } from '../../admin-units/store/admin-unit-store';

/** "Xã A, Huyện B" for a unit code, from the local reference data. */
export function useCommuneName(code: string | undefined): string | undefined {
  const db = useAppDb();
  return useLiveQuery(
    async () => (code ? (await loadAdminUnitTree(db)).qualifiedName(code) : undefined),
    [db, code],
  );
}
