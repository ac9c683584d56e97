import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/http/use-error-text';
import { hrefFor, type ReportParams } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { downloadSummary, type SummaryParams } from '../http/reports-http';

/** Hands a downloaded file to the browser under the server's file name. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started; the object URL is not needed once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Tải Excel / CSV (made by the server, Vietnamese headers) and the A4 print view. */
export function ExportButtons({ params }: { params: SummaryParams }) {
  const { t } = useTranslation();
  const api = useAuthorizedApi();
  const locale = useLocale();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function download(format: 'csv' | 'xlsx') {
    setBusy(format);
    setMessage(null);
    try {
      const file = await downloadSummary(api, params, format, locale);
      const name = file.fileName ?? `bao-cao.${format}`;
      save(file.blob, name);
      setMessage({ error: false, text: t('reports.downloaded', { name }) });
    } catch (error) {
      setMessage({ error: true, text: errorText(error) });
    } finally {
      setBusy(null);
    }
  }

  const printRoute: ReportParams = {
    unit: params.unit,
    geography: params.geography,
    from: params.from,
    to: params.to,
  };
  return (
    <div className="report-exports">
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void download('xlsx')}
      >
        {busy === 'xlsx' ? t('reports.downloading') : t('reports.exportXlsx')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void download('csv')}
      >
        {busy === 'csv' ? t('reports.downloading') : t('reports.exportCsv')}
      </button>
      <a className="btn" href={hrefFor({ name: 'reportPrint', ...printRoute })}>
        {t('reports.print')}
      </a>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'notice notice--error' : 'notice'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
