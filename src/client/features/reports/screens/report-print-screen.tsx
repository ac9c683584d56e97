// Only the subsets Vietnamese text uses (latin + vietnamese, ~51 kB): they are precached, so the
// view is set in Tinos offline too (vite.config.ts). Other scripts fall back to the phone's serif.
import '@fontsource/tinos/latin-400.css';
import '@fontsource/tinos/latin-700.css';
import '@fontsource/tinos/vietnamese-400.css';
import '@fontsource/tinos/vietnamese-700.css';
import '../report-print.css';
import { useTranslation } from 'react-i18next';
import { useReportsCatalogue } from '../hooks/use-reports-catalogue';
import { ACTIVITY_TYPES } from '../../../../shared/activity/activity-enums';
import { formatNumber, todayInVietnam } from '../../../../shared/format/vi-format';
import { formTable, periodLabel, summaryTable } from '../../../../shared/reports/report-tables';
import { hasTargets } from '../../../../shared/reports/report-targets';
import { planOfYear } from '../../../../shared/reports/province-settings';
import { regularPeriodOf } from '../../../../shared/reports/report-periods';
import { useProvinceSettings } from '../hooks/use-province-settings';
import { targetCaption, targetTable } from '../../../../shared/reports/report-targets-table';
import { useErrorText } from '../../../lib/http/use-error-text';
import { hrefFor, type ReportParams } from '../../../lib/router';
import { useSession } from '../../auth/session-context';
import { vi } from '../../../../shared/i18n/vi';
import { reportsVi } from '../../../../shared/i18n/reports.vi';
import { reportLabelsVi, type ReportDictionary } from '../../../../shared/i18n/report-labels.vi';
import { useReport } from '../hooks/use-report';
import { useReportCatalog } from '../hooks/use-report-catalog';
import { selectionOf } from '../model/report-selection';
import type { ReportTable } from '../../../../shared/reports/report-tables';
import {
  issueDateText,
  issuingUnitOn,
  placeName,
  printIssuer,
  recipientsOf,
} from '../../../../shared/reports/print-issuer';
import { useLiveQuery } from 'dexie-react-hooks';
import { useAppDb } from '../../../db/app-db-context';
import { loadAgencies } from '../../admin-units/store/admin-unit-store';

// An administrative document (Decree 30/2020/NĐ-CP) is Vietnamese, whatever language the officer
// reads the app in: the page's texts, labels and numbers (1.500.000) never follow the UI language.
const DOC: ReportDictionary = { ...vi, report: reportLabelsVi };
const DOC_TEXTS = reportsVi.printView;

function PrintTable({ table }: { table: ReportTable }) {
  return (
    <table className="print-table">
      <caption>{table.name}</caption>
      <thead>
        <tr>
          {table.header.slice(1).map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r} className={r === table.totalRow ? 'print-table__total' : undefined}>
            {row.slice(1).map((cell, c) => (
              <td key={c}>{typeof cell === 'number' ? formatNumber(cell, 'vi') : cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/**
 * The report on A4 in the layout of Decree 30/2020/NĐ-CP (administrative documents): issuing
 * body top left, national title and motto top right, number and symbol, place and date, title,
 * the tables, "Nơi nhận" and the signature block. The blanks (number, place, recipients,
 * signer) are editable on the page before printing; the browser prints it to paper or PDF.
 */
export function ReportPrintScreen({ params }: { params: ReportParams }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const errorText = useErrorText();
  const d = DOC;
  const catalog = useReportCatalog();
  const db = useAppDb();
  // The agencies as pulled: which department compiles the province's report now.
  const agencies = useLiveQuery(() => loadAgencies(db), [db]);
  // Which plan the year's report answers to: the province's data (106/KH-UBND is 2024's).
  const settings = useProvinceSettings();
  const selection = catalog ? selectionOf(catalog, user, params, todayInVietnam()) : null;
  const state = useReport(
    user,
    catalog && selection?.unitCode
      ? {
          catalog,
          geographyId: selection.geographyId,
          unitCode: selection.unitCode,
          range: selection.range,
        }
      : null,
  );
  if (state.error) {
    return (
      <p role="alert" className="notice notice--error">
        {errorText(state.error)}
      </p>
    );
  }
  const report = state.report;
  if (!catalog || !selection || !report) return <p className="notice">{t('app.loading')}</p>;
  const today = todayInVietnam();
  const p = DOC_TEXTS;
  // Issued today, by a body that exists today: a report about a unit of an earlier map (a 2024
  // ward, district or Tỉnh Kiên Giang) comes from the unit of today's map that holds it.
  const reported = { geographyId: report.geography, code: report.unit.code };
  const issuing = issuingUnitOn(catalog, reported, today);
  const issuingUnit = catalog.unit(issuing)!;
  const issuer = printIssuer({
    unitName: issuingUnit.name,
    isProvince: !issuingUnit.parentCode,
    agencies: agencies ?? [],
    date: today,
  });
  const recipients = recipientsOf({
    isProvince: !issuingUnit.parentCode,
    provinceName: catalog.tree(issuing.geographyId).roots()[0]?.name ?? '',
    agencies: agencies ?? [],
    date: today,
  })
    .map((line, i, all) => `- ${line}${i < all.length - 1 ? ';' : ''}`)
    .join('\n');
  // The area reported on, with its map when that is not today's (codes and names were reused).
  const year = regularPeriodOf(report.period)?.year ?? Number(report.period.to.slice(0, 4));
  const plan = settings ? planOfYear(settings, year) : undefined;
  const about = plan ? fill(p.about, { plan: plan.reference }) : p.aboutUnknown;
  const inForce = catalog.inForceOn(today).id === report.geography;
  const area = fill(inForce ? p.area : p.areaOfMap, {
    unit: report.unit.qualifiedName,
    map: catalog.get(report.geography)?.name ?? report.geography,
  });
  const forms = ACTIVITY_TYPES.filter((f) => report.total.forms[f].activities > 0);
  // The toolbar above the page is the app's, in its language.
  const toolbar = t('reports.printView', { returnObjects: true }) as Record<string, string>;

  return (
    <div className="print-screen">
      <div className="print-toolbar">
        <a className="btn btn--ghost" href={hrefFor({ name: 'reports', ...params })}>
          {toolbar.back}
        </a>
        <button type="button" className="btn btn--primary" onClick={() => window.print()}>
          {toolbar.printNow}
        </button>
      </div>
      <article className="print-doc" lang="vi">
        <header className="print-head">
          <div className="print-head__issuer">
            {issuer.superior && <p>{issuer.superior}</p>}
            <p className="print-head__body" contentEditable suppressContentEditableWarning>
              {issuer.body}
            </p>
            <p className="print-head__number" contentEditable suppressContentEditableWarning>
              {issuer.signer === 'committee' ? p.numberCommittee : p.number}
            </p>
          </div>
          <div className="print-head__nation">
            <p className="print-head__title">{p.nation}</p>
            <p className="print-head__motto">{p.motto}</p>
            <p className="print-head__date" contentEditable suppressContentEditableWarning>
              {`${placeName(issuingUnit)}, ${issueDateText(today)}`}
            </p>
          </div>
        </header>
        <h1 className="print-title">
          BÁO CÁO
          <span>{p.subject}</span>
          <span className="print-title__period">{periodLabel(report, d)}</span>
        </h1>
        <p className="print-area">{area}</p>
        <p className="print-about" contentEditable suppressContentEditableWarning>
          {about}
        </p>
        <PrintTable table={summaryTable(report, d)} />
        {forms.map((f) => (
          <PrintTable key={f} table={formTable(report, f, d)} />
        ))}
        {report.targets && hasTargets(report.targets) && (
          <PrintTable
            table={{
              ...targetTable(report.targets, d),
              name: `${d.report.targets.printTitle} — ${targetCaption(report.targets, d)}`,
            }}
          />
        )}
        {report.completeness.silentCommunes.length > 0 && (
          <p>
            {d.report.silentCommunes
              .replace('{{count}}', String(report.completeness.silentCommunes.length))
              .replace('{{total}}', String(report.completeness.communes))}
            {report.rows.length > 0 && report.completeness.silentChildren.length > 0
              ? ` — ${report.completeness.silentChildren.map((u) => u.name).join(', ')}.`
              : ''}
          </p>
        )}
        <footer className="print-foot">
          <div className="print-foot__recipients">
            <p>
              <strong>
                <em>{p.recipients}</em>
              </strong>
            </p>
            <p className="print-foot__list" contentEditable suppressContentEditableWarning>
              {recipients}
            </p>
          </div>
          <div className="print-foot__sign">
            <p className="print-foot__signer" contentEditable suppressContentEditableWarning>
              {issuer.signer === 'director' ? p.signerDirector : p.signerCommittee}
            </p>
            <p className="print-foot__hint">{p.signHint}</p>
          </div>
        </footer>
      </article>
    </div>
  );
}
