import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../shared/format/vi-format';
import { FileField } from '../../../components/form/file-field';
import { InputField } from '../../../components/form/input-field';
import { useAppDb } from '../../../db/app-db-context';
import { useLocale } from '../../../lib/use-locale';
import { useSession } from '../../auth/session-context';
import { requestPersistenceOnce } from '../../pwa/persist-once';
import { BackupDecryptError } from '../model/backup-crypto';
import { BackupOwnerError, restoreBackup } from '../model/restore-backup';
import { useBackupCatalogue } from '../hooks/use-backup-catalogue';
import { isStorageFull } from '../../../lib/storage';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';
import { V } from '../../../../shared/validation/messages';

/** "Khôi phục": a backup file of this same account back onto this phone, without duplicates. */
export function RestoreCard() {
  useBackupCatalogue();
  const { t } = useTranslation();
  const locale = useLocale();
  const db = useAppDb();
  const { user } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});
  const { formRef, revealFirstError } = useRevealFirstError();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Both are needed: said under each box (a passphrase is never right when empty).
    const missing = {
      file: file ? undefined : V.chooseBackupFile,
      passphrase: passphrase === '' ? V.required : undefined,
    };
    setErrors(missing);
    if (!file || missing.passphrase) {
      setOutcome(null);
      revealFirstError();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const summary = await restoreBackup(db, user, file, passphrase);
      // The phone now holds data worth keeping: ask the browser not to evict it.
      void requestPersistenceOnce();
      const n = (value: number) => formatNumber(value, locale);
      setOutcome({
        ok: true,
        text: t('backup.restore.done', {
          activities: n(summary.activities),
          mutations: n(summary.mutations),
          drafts: n(summary.drafts),
          photos: n(summary.photos),
        }),
      });
      setPassphrase('');
    } catch (error) {
      setOutcome({ ok: false, text: refusalText(error) });
    } finally {
      setBusy(false);
    }
  }

  function refusalText(error: unknown): string {
    if (error instanceof BackupOwnerError) {
      return t('backup.restore.otherUser', { owner: error.owner.username, me: user.username });
    }
    if (error instanceof BackupDecryptError) return t(`backup.restore.${error.reason}`);
    // In the officer's words, never the browser's own (English) message.
    console.error('Restoring the backup failed', error);
    return t('backup.restore.failed', {
      reason: t(isStorageFull(error) ? 'backup.storageFull' : 'backup.writeFailed'),
    });
  }

  return (
    <section className="card" aria-labelledby="restore-heading" data-testid="restore-card">
      <h2 id="restore-heading">{t('backup.restore.title')}</h2>
      <p className="hint">{t('backup.restore.intro')}</p>
      <form ref={formRef} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FileField
          label={t('backup.restore.file')}
          required
          error={errors.file}
          onChange={setFile}
        />
        <InputField
          label={t('backup.restore.passphrase')}
          type="password"
          autoComplete="off"
          required
          value={passphrase}
          onChange={setPassphrase}
          error={errors.passphrase}
        />
        <button
          type="submit"
          className="btn btn--primary"
          style={{ minHeight: 48 }}
          disabled={busy}
        >
          {busy ? t('backup.restore.working') : t('backup.restore.submit')}
        </button>
      </form>
      {outcome && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'notice' : 'notice notice--error'}
          data-testid="restore-outcome"
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
