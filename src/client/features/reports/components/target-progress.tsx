import { formatNumber } from '../../../../shared/format/vi-format';
import { hasTargets, type ReportTargetProgress } from '../../../../shared/reports/report-targets';
import { targetCaption } from '../../../../shared/reports/report-targets-table';
import { useLocale } from '../../../lib/use-locale';
import { useDictionary } from '../hooks/use-dictionary';

/**
 * Chỉ tiêu năm: the unit's and each child's progress towards the year's targets, as
 * "achieved / target" with a bar and %. A six-month report says it is measured against the year.
 * Only units and indicators with a target are listed; nothing is shown when none is set.
 */
export function TargetProgressCard({ progress }: { progress: ReportTargetProgress }) {
  const d = useDictionary();
  const locale = useLocale();
  if (!hasTargets(progress)) return null;
  const t = d.report.targets;
  const units = [progress.unit, ...progress.children].filter((u) =>
    u.indicators.some((i) => i.target !== null),
  );
  return (
    <section className="card stack target-progress" aria-labelledby="target-progress-title">
      <h2 id="target-progress-title">{t.title.replace('{{year}}', String(progress.year))}</h2>
      <p className="notice">{targetCaption(progress, d)}</p>
      {units.map((unit) => (
        <div key={unit.code} className="target-progress__unit">
          <h3>{unit.name}</h3>
          <ul className="target-progress__list">
            {unit.indicators
              .filter((i) => i.target !== null)
              .map((i) => {
                const label = t.indicator[i.indicator];
                const figures = `${formatNumber(i.achieved, locale)} / ${formatNumber(i.target!, locale)}`;
                const percent = i.percent === null ? '' : `${formatNumber(i.percent, locale)} %`;
                return (
                  <li key={i.indicator} className="target-progress__item">
                    <span className="target-progress__label">{label}</span>
                    <span className="target-progress__figures">
                      {figures}
                      {percent && ` (${percent})`}
                    </span>
                    <progress
                      max={100}
                      value={Math.min(i.percent ?? 0, 100)}
                      aria-label={`${label}: ${figures}${percent ? `, ${percent}` : ''}`}
                    />
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </section>
  );
}
