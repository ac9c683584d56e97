import '../reports.css';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportsCatalogue } from '../hooks/use-reports-catalogue';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { DEFAULT_PERIOD_BASIS } from '../../../../shared/reports/report-periods';
import { SubmissionPanel } from '../components/submission-panel';
import { useProvinceSettings } from '../hooks/use-province-settings';
import { choiceOf } from '../model/period-choice';
import { periodLabel } from '../../../../shared/reports/report-tables';
import { ValueSelectField } from '../../../components/form/value-select-field';
import { useErrorText } from '../../../lib/http/use-error-text';
import { hrefFor, navigate, type ReportParams } from '../../../lib/router';
import { useOnline } from '../../../lib/use-online';
import { useSession } from '../../auth/session-context';
import { CompletenessNote } from '../components/completeness-note';
import { ExportButtons } from '../components/export-buttons';
import { PeriodPicker } from '../components/period-picker';
import { ReportTable } from '../components/report-table';
import { UnitPicker } from '../components/unit-picker';
import { UnplacedNote } from '../components/unplaced-note';
import { TargetProgressCard } from '../components/target-progress';
import { useDictionary } from '../hooks/use-dictionary';
import { useReport } from '../hooks/use-report';
import { useReportCatalog } from '../hooks/use-report-catalog';
import { selectionOf } from '../model/report-selection';

const FIRST_YEAR = 2024; // plan 106/KH-UBND starts in April 2024
/** Who is offered Đặt chỉ tiêu (the server decides per unit; commune officers only read). */
const SETS_TARGETS = new Set(['admin', 'province', 'district']);

/** Báo cáo: a unit's figures for a period, by child unit, with drill-down, exports and print. */
export function ReportScreen({ params }: { params: ReportParams }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const online = useOnline();
  const errorText = useErrorText();
  const d = useDictionary();
  const catalog = useReportCatalog();
  const [form, setForm] = useState<ActivityType | null>(null);
  const today = todayInVietnam();
  const settings = useProvinceSettings();
  // The province's default basis (pulled); the shipped default until the first pull.
  const basis = settings?.defaultPeriodBasis ?? DEFAULT_PERIOD_BASIS;
  const selection = catalog && settings ? selectionOf(catalog, user, params, today, basis) : null;
  const request =
    catalog && selection?.unitCode
      ? {
          catalog,
          geographyId: selection.geographyId,
          unitCode: selection.unitCode,
          range: selection.range,
        }
      : null;
  const state = useReport(user, request);

  if (!catalog || !selection) return <p className="notice">{t('app.loading')}</p>;
  const { geographyId, units, unitCode, range } = selection;
  const go = (change: ReportParams) =>
    navigate({ name: 'reports', unit: unitCode, geography: geographyId, ...range, ...change });
  const years: number[] = [];
  for (let y = Number(today.slice(0, 4)) + 1; y >= FIRST_YEAR; y--) years.push(y);
  const tree = catalog.tree(geographyId);
  const parent = unitCode ? tree.get(unitCode)?.parentCode : undefined;
  const parentAllowed = parent && units.some((u) => u.code === parent) ? tree.get(parent) : null;
  const report = state.report;
  const choice = choiceOf(range, basis);

  return (
    <div className="stack report-screen">
      <h1>{t('reports.title')}</h1>
      <PeriodPicker
        range={range}
        basis={basis}
        years={years}
        onChange={(r) => go({ from: r.from, to: r.to })}
      />
      <UnitPicker
        catalog={catalog}
        geographyId={geographyId}
        geographies={user.role !== 'commune'}
        units={units}
        unitCode={unitCode}
        onGeography={(id) => go({ geography: id, unit: undefined })}
        onUnit={(code) => go({ unit: code })}
      />
      {units.length === 0 && <p className="notice notice--warn">{t('reports.noScope')}</p>}
      {report && (
        <>
          <h2 className="report-screen__title">
            {report.unit.qualifiedName}
            <span className="report-screen__period">{periodLabel(report, d)}</span>
          </h2>
          {parentAllowed && (
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => go({ unit: parentAllowed.code })}
            >
              {t('reports.up', { name: parentAllowed.name })}
            </button>
          )}
          {online && (
            <a
              className="btn btn--ghost"
              href={hrefFor({
                name: 'records',
                unit: report.unit.code,
                geography: geographyId,
                ...range,
              })}
            >
              {t('reports.browser.title')}
            </a>
          )}
        </>
      )}
      {state.source === 'local' && (
        <p className="notice">
          {t('reports.local')}{' '}
          {state.unsynced > 0 && t('reports.localUnsynced', { count: state.unsynced })}
        </p>
      )}
      {state.error !== null && state.error !== undefined && (
        <p role="alert" className="notice notice--error">
          {errorText(state.error)}
        </p>
      )}
      {state.loading && <p className="notice">{t('reports.loading')}</p>}
      {report && (
        <>
          <div className="report-screen__form">
            <ValueSelectField
              label={t('reports.form')}
              value={form ?? ''}
              emptyLabel={t('reports.summary')}
              options={ACTIVITY_TYPES.map((f) => ({ value: f, label: t(`report.sheet.${f}`) }))}
              onChange={(value) => setForm(value || null)}
            />
          </div>
          <ReportTable report={report} form={form} onDrillDown={(code) => go({ unit: code })} />
          <UnplacedNote report={report} />
          <CompletenessNote report={report} />
          {report.targets && <TargetProgressCard progress={report.targets} />}
          {online && SETS_TARGETS.has(user.role) && (
            <a
              className="btn btn--ghost"
              href={hrefFor({
                name: 'targets',
                unit: report.unit.code,
                geography: geographyId,
                year: Number(range.to.slice(0, 4)),
              })}
            >
              {t('reports.targetsForm.open', { year: range.to.slice(0, 4) })}
            </a>
          )}
          {online && choice.kind !== 'ad_hoc' && (
            <SubmissionPanel
              unit={report.unit.code}
              unitName={report.unit.qualifiedName}
              geography={geographyId}
              period={choice.kind}
              year={choice.year}
              basis={choice.basis}
              periodText={periodLabel(report, d)}
            />
          )}
          {online ? (
            <ExportButtons params={{ unit: report.unit.code, geography: geographyId, ...range }} />
          ) : (
            <p className="notice">{t('reports.exportOffline')}</p>
          )}
          <Suspense fallback={<p className="notice">{t('reports.chartsLoading')}</p>}>
            <ReportCharts report={report} monthly={state.monthly} />
          </Suspense>
        </>
      )}
    </div>
  );
}

// The chart library is a chunk of its own, loaded only when a report is on screen.
const ReportCharts = lazy(() =>
  import('../components/report-charts').then((m) => ({ default: m.ReportCharts })),
);
