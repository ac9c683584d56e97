import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useAppDb } from '../../../db/app-db-context';
import { loadGeographyCatalog } from '../../admin-units/store/admin-unit-store';
import { useSession } from '../../auth/session-context';

/** Who is signed in on this phone, in words: name, username, role, unit by name, device. */
export function AccountDetails() {
  const { t } = useTranslation();
  const { user, deviceName } = useSession();
  const db = useAppDb();
  // The unit's name in the user's own geography (codes are reused between geographies).
  const unit = useLiveQuery(async () => {
    const catalog = await loadGeographyCatalog(db);
    return catalog.has(user.geographyId)
      ? catalog.tree(user.geographyId).qualifiedName(user.unitCode)
      : user.unitCode;
  }, [db, user.geographyId, user.unitCode]);

  return (
    <dl className="dl" data-testid="account-details">
      <Item label={t('accounts.displayName')}>{user.displayName}</Item>
      <Item label={t('accounts.username')}>{user.username}</Item>
      <Item label={t('accounts.role')}>{t(`accounts.roles.${user.role}`)}</Item>
      <Item label={t('accounts.unit')}>{unit ?? user.unitCode}</Item>
      <Item label={t('settings.thisDevice')}>{deviceName}</Item>
    </dl>
  );
}

function Item({ label, children }: { label: string; children: string }) {
  return (
    <div className="dl__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
