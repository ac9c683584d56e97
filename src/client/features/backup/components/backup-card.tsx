import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDateTime, formatNumber } from '../../../../shared/format/vi-format';
import { InputField } from '../../../components/form/input-field';
import { useAppDb } from '../../../db/app-db-context';
import { lastBackup } from '../../../db/backup-mark';
import { useLocale } from '../../../lib/use-locale';
import { useSession } from '../../auth/session-context';
import { backupTaken, createBackup } from '../model/create-backup';
import { backupFileName, handOverFile } from '../model/hand-over-file';
import { passphraseStrength } from '../model/passphrase-strength';
import { useBackupCatalogue } from '../hooks/use-backup-catalogue';
import { isStorageFull } from '../../../lib/storage';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';
import { V } from '../../../../shared/validation/messages';

type Outcome =
  { kind: 'done'; text: string } | { kind: 'cancelled' } | { kind: 'error'; text: string };

/** "Sao lưu": the officer's data on this phone into one encrypted file, shared or downloaded. */
export function BackupCard() {
  useBackupCatalogue();
  const { t } = useTranslation();
  const locale = useLocale();
  const db = useAppDb();
  const { user } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const last = useLiveQuery(() => lastBackup(db), [db]);

  const strength = passphraseStrength(passphrase);
  // Said under the box to fix (message keys, translated by the field), once a save was tried.
  const errors = {
    passphrase: strength === 'tooShort' ? V.passphraseTooShort : undefined,
    again: strength !== 'tooShort' && passphrase !== again ? V.passphraseMismatch : undefined,
  };
  const problem = errors.passphrase ?? errors.again;
  const { formRef, revealFirstError } = useRevealFirstError();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setOutcome(null);
    if (problem) {
      revealFirstError();
      return;
    }
    setBusy(true);
    try {
      const backup = await createBackup(db, user, passphrase);
      const handed = await handOverFile(
        backup.file,
        backupFileName(user.username, new Date(backup.mark.at)),
        t('backup.backup.shareTitle'),
      );
      if (handed === 'cancelled') {
        setOutcome({ kind: 'cancelled' });
        return;
      }
      await backupTaken(db, backup);
      const n = (value: number) => formatNumber(value, locale);
      setOutcome({
        kind: 'done',
        text: t('backup.backup.created', {
          time: formatIsoDateTime(backup.mark.at),
          activities: n(backup.counts.activities),
          unsynced: n(backup.counts.unsynced),
          drafts: n(backup.counts.drafts),
          photos: n(backup.counts.photos),
        }),
      });
      setPassphrase('');
      setAgain('');
      setTried(false);
    } catch (error) {
      console.error('Making the backup failed', error);
      setOutcome({
        kind: 'error',
        // In the officer's words, never the browser's own (English) message.
        text: t('backup.backup.failed', {
          reason: t(isStorageFull(error) ? 'backup.storageFull' : 'backup.writeFailed'),
        }),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="backup-heading" data-testid="backup-card">
      <h2 id="backup-heading">{t('backup.backup.title')}</h2>
      <p className="hint">{t('backup.backup.intro')}</p>
      <form ref={formRef} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          label={t('backup.backup.passphrase')}
          hint={t('backup.backup.passphraseHint')}
          type="password"
          autoComplete="new-password"
          required
          value={passphrase}
          onChange={setPassphrase}
          error={tried ? errors.passphrase : undefined}
        />
        {passphrase && strength !== 'tooShort' && (
          <p className="hint" data-testid="passphrase-strength">
            {t(`backup.backup.strength.${strength}`)}
          </p>
        )}
        <InputField
          label={t('backup.backup.passphraseAgain')}
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={setAgain}
          error={tried ? errors.again : undefined}
        />
        <button
          type="submit"
          className="btn btn--primary"
          style={{ minHeight: 48 }}
          disabled={busy}
        >
          {busy ? t('backup.backup.creating') : t('backup.backup.create')}
        </button>
      </form>
      {outcome && (
        <p
          role={outcome.kind === 'done' ? 'status' : 'alert'}
          className={outcome.kind === 'error' ? 'notice notice--error' : 'notice'}
          data-testid="backup-outcome"
        >
          {outcome.kind === 'cancelled' ? t('backup.backup.cancelled') : outcome.text}
        </p>
      )}
      <p className="hint" data-testid="last-backup">
        {last
          ? t('backup.backup.last', { time: formatIsoDateTime(last.at) })
          : t('backup.backup.never')}
      </p>
    </section>
  );
}
