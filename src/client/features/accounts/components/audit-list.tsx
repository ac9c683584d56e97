import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/auth/account-admin.schema';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import { useUnitName } from '../hooks/use-unit-name';

/** One change to an account as a sentence: who did what, to whom. */
export function useAuditSentence(): (entry: AuditEntry) => string {
  const { t } = useTranslation();
  const unitName = useUnitName();
  return (entry) => {
    const d = entry.details;
    const unitChange = entry.action === 'user.unit_changed';
    const roleName = (value: unknown) =>
      typeof value === 'string' ? t(`accounts.roles.${value}`) : '';
    // A change's before or after: a role by its name, a unit by its name in its own map.
    const side = (value: unknown, geography: unknown) =>
      entry.action === 'user.role_changed'
        ? roleName(value)
        : unitChange
          ? unitName(String(value ?? ''), geography)
          : String(value ?? '');
    return t(`accounts.audit.${entry.action}`, {
      actor:
        entry.actorId === null
          ? t('accounts.audit.system', { name: entry.actorName })
          : entry.actorName,
      target: entry.targetUsername,
      from: side(d.from, d.fromGeography),
      to: side(d.to, d.toGeography),
      role: roleName(d.role),
      unit: unitName(String(d.unitCode ?? ''), d.geographyId),
      device: String(d.deviceName ?? ''),
      count: Number(d.count ?? d.revokedDevices ?? 0),
    });
  };
}

/** Changes to accounts, newest first, each with its time (dd/MM/yyyy HH:mm, Vietnam time). */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const sentence = useAuditSentence();
  if (entries.length === 0) return <p className="hint">{t('accounts.audit.empty')}</p>;
  return (
    <ul className="stack" aria-label={t('accounts.audit.title')}>
      {entries.map((entry) => (
        <li key={entry.id} data-testid="audit-entry">
          <time dateTime={entry.at} className="hint">
            {formatIsoDateTime(entry.at)}
          </time>{' '}
          <span>{sentence(entry)}</span>
        </li>
      ))}
    </ul>
  );
}
