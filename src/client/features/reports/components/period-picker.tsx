import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PERIOD_BASES,
  type DateRange,
  type PeriodBasis,
} from '../../../../shared/reports/report-periods';
import { choiceOf, rangeOf, type PeriodChoice } from '../model/period-choice';

interface PeriodPickerProps {
  range: DateRange;
  /** The basis a regular period defaults to (the province's choice). */
  basis: PeriodBasis;
  /** The years offered (newest first). */
  years: number[];
  onChange: (range: DateRange) => void;
}

/** Kỳ báo cáo: 6 tháng đầu năm, cả năm (calendar or Decree-09 cut-off) or any from–to. */
export function PeriodPicker({ range, basis, years, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState<PeriodChoice>(() => choiceOf(range, basis));
  useEffect(() => setChoice(choiceOf(range, basis)), [range.from, range.to, basis]);
  const [adHocError, setAdHocError] = useState(false);

  const apply = (next: PeriodChoice) => {
    setChoice(next);
    if (next.kind === 'ad_hoc') return;
    const r = rangeOf(next);
    if (r) onChange(r);
  };
  const year = choice.kind === 'ad_hoc' ? Number(choice.to.slice(0, 4)) : choice.year;
  const regularBasis = choice.kind === 'ad_hoc' ? basis : choice.basis;

  return (
    <fieldset className="report-picker">
      <legend>{t('reports.period')}</legend>
      <div className="report-picker__row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('reports.period')}</label>
          <select
            id={`${id}-kind`}
            value={choice.kind}
            onChange={(e) => {
              const kind = e.target.value as PeriodChoice['kind'];
              if (kind === 'ad_hoc') {
                const r = rangeOf(choice) ?? range;
                apply({ kind, from: r.from, to: r.to });
              } else apply({ kind, year, basis: regularBasis });
            }}
          >
            <option value="first_half">{t('report.period.first_half')}</option>
            <option value="full_year">{t('report.period.full_year')}</option>
            <option value="ad_hoc">{t('report.period.ad_hoc')}</option>
          </select>
        </div>
        {choice.kind !== 'ad_hoc' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('reports.year')}</label>
              <select
                id={`${id}-year`}
                value={choice.year}
                onChange={(e) => apply({ ...choice, year: Number(e.target.value) })}
              >
                {[...new Set([choice.year, ...years])]
                  .sort((a, b) => b - a)
                  .map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-basis`}>{t('reports.basis')}</label>
              <select
                id={`${id}-basis`}
                value={choice.basis}
                onChange={(e) => apply({ ...choice, basis: e.target.value as PeriodBasis })}
              >
                {PERIOD_BASES.map((b) => (
                  <option key={b} value={b}>
                    {t(`report.period.${b}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
      {choice.kind === 'ad_hoc' && (
        <form
          className="report-picker__row"
          onSubmit={(e) => {
            e.preventDefault();
            const r = rangeOf(choice);
            setAdHocError(r === null);
            if (r) onChange(r);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('reports.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={choice.from}
              required
              onChange={(e) => setChoice({ ...choice, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('reports.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={choice.to}
              required
              onChange={(e) => setChoice({ ...choice, to: e.target.value })}
            />
          </div>
          <button type="submit" className="btn btn--primary">
            {t('reports.show')}
          </button>
          {adHocError && (
            <p role="alert" className="notice notice--error">
              {t('reports.badRange')}
            </p>
          )}
        </form>
      )}
    </fieldset>
  );
}
