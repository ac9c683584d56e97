import '../reports.css';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { DEFAULT_PERIOD_BASIS, regularPeriod } from '../../../../shared/reports/report-periods';
import { ValueSelectField } from '../../../components/form/value-select-field';
import { ApiError } from '../../../lib/http/api-error';
import { useErrorText } from '../../../lib/http/use-error-text';
import { hrefFor, navigate, type TargetParams } from '../../../lib/router';
import { useRemote } from '../../../lib/use-remote';
import { useAuthorizedApi } from '../../auth/hooks/use-authorized-api';
import { useSession } from '../../auth/session-context';
import { TargetsForm } from '../components/targets-form';
import { UnitPicker } from '../components/unit-picker';
import { useProvinceSettings } from '../hooks/use-province-settings';
import { useReportCatalog } from '../hooks/use-report-catalog';
import { useReportsCatalogue } from '../hooks/use-reports-catalogue';
import { fetchTargets } from '../http/reports-http';
import { selectionOf } from '../model/report-selection';

const FIRST_YEAR = 2024; // plan 106/KH-UBND starts in April 2024

/**
 * Đặt chỉ tiêu: a province (or district) officer picks a unit within their scope and a year and
 * sets its eight yearly targets. Online: targets live on the server, which decides who may set.
 */
export function TargetsScreen({ params }: { params: TargetParams }) {
  useReportsCatalogue();
  const { t } = useTranslation();
  const { user } = useSession();
  const api = useAuthorizedApi();
  const errorText = useErrorText();
  const catalog = useReportCatalog();
  const settings = useProvinceSettings();
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const year = params.year && params.year >= FIRST_YEAR ? params.year : thisYear;
  // The report's rules for the unit and geography: out-of-scope parts fall back to one's own.
  const selection = catalog ? selectionOf(catalog, user, params, today) : null;
  const unitCode = selection?.unitCode;
  const geographyId = selection?.geographyId;
  const remote = useRemote(
    async () =>
      unitCode && geographyId
        ? fetchTargets(api, { unit: unitCode, geography: geographyId, year })
        : undefined,
    [api, unitCode, geographyId, year],
  );

  if (!catalog || !selection) return <p className="notice">{t('app.loading')}</p>;
  const go = (change: TargetParams) =>
    navigate({ name: 'targets', unit: unitCode, geography: geographyId, year, ...change });
  const years: number[] = [];
  for (let y = thisYear + 1; y >= FIRST_YEAR; y--) years.push(y);
  const basis = settings?.defaultPeriodBasis ?? DEFAULT_PERIOD_BASIS;
  const period = regularPeriod('full_year', year, basis);
  const data = remote.data;

  return (
    <div className="stack report-screen">
      <h1>{t('reports.targetsForm.title')}</h1>
      <div className="report-picker stack">
        <div className="report-picker__row">
          <ValueSelectField
            label={t('reports.targetsForm.year')}
            value={String(year)}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
            onChange={(value) => value && go({ year: Number(value) })}
          />
        </div>
        <UnitPicker
          catalog={catalog}
          geographyId={selection.geographyId}
          geographies={user.role !== 'commune'}
          units={selection.units}
          unitCode={unitCode}
          onGeography={(id) => go({ geography: id, unit: undefined })}
          onUnit={(code) => go({ unit: code })}
        />
      </div>
      {remote.loading && <p className="notice">{t('app.loading')}</p>}
      {remote.error !== null && remote.error !== undefined && (
        <p role="alert" className="notice notice--error">
          {remote.error instanceof ApiError && remote.error.kind === 'network'
            ? t('reports.targetsForm.offline')
            : errorText(remote.error)}
        </p>
      )}
      {data && !remote.loading && (
        <TargetsForm key={`${data.geography}|${data.unit.code}|${data.year}`} data={data} />
      )}
      <a
        className="btn btn--ghost"
        href={hrefFor({
          name: 'reports',
          unit: unitCode,
          geography: geographyId,
          from: period.from,
          to: period.to,
        })}
      >
        {t('reports.targetsForm.toReport', { year })}
      </a>
    </div>
  );
}
