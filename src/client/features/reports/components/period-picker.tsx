import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ValueDateField } from '../../../components/form/value-date-field';
import { ValueSelectField } from '../../../components/form/value-select-field';
import {
  PERIOD_BASES,
  type DateRange,
  type PeriodBasis,
} from '../../../../shared/reports/report-periods';
import {
  adHocErrors,
  choiceOf,
  rangeOf,
  type AdHocErrors,
  type PeriodChoice,
} from '../model/period-choice';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

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
  const [choice, setChoice] = useState<PeriodChoice>(() => choiceOf(range, basis));
  useEffect(() => setChoice(choiceOf(range, basis)), [range.from, range.to, basis]);
  const [adHocErrorsShown, setAdHocErrors] = useState<AdHocErrors>({});
  const { formRef, revealFirstError } = useRevealFirstError();

  const apply = (next: PeriodChoice) => {
    setChoice(next);
    if (next.kind === 'ad_hoc') return;
    const r = rangeOf(next);
    if (r) onChange(r);
  };
  const year = choice.kind === 'ad_hoc' ? Number(choice.to.slice(0, 4)) : choice.year;
  const regularBasis = choice.kind === 'ad_hoc' ? basis : choice.basis;
  const kinds = (['first_half', 'full_year', 'ad_hoc'] as const).map((k) => ({
    value: k,
    label: t(`report.period.${k}`),
  }));

  return (
    <div className="report-picker">
      <div className="report-picker__row">
        <ValueSelectField
          label={t('reports.period')}
          value={choice.kind}
          options={kinds}
          onChange={(kind) => {
            if (kind === 'ad_hoc') {
              const r = rangeOf(choice) ?? range;
              apply({ kind, from: r.from, to: r.to });
            } else if (kind) apply({ kind, year, basis: regularBasis });
          }}
        />
        {choice.kind !== 'ad_hoc' && (
          <>
            <ValueSelectField
              label={t('reports.year')}
              value={String(choice.year)}
              options={[...new Set([choice.year, ...years])]
                .sort((a, b) => b - a)
                .map((y) => ({ value: String(y), label: String(y) }))}
              onChange={(y) => y && apply({ ...choice, year: Number(y) })}
            />
            <ValueSelectField
              label={t('reports.basis')}
              value={choice.basis}
              options={PERIOD_BASES.map((b) => ({ value: b, label: t(`report.period.${b}`) }))}
              onChange={(b) => b && apply({ ...choice, basis: b })}
            />
          </>
        )}
      </div>
      {choice.kind === 'ad_hoc' && (
        <form
          ref={formRef}
          className="report-picker__row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const errors = adHocErrors(choice.from, choice.to);
            setAdHocErrors(errors);
            const r = rangeOf(choice);
            if (r && !errors.from && !errors.to) onChange(r);
            else revealFirstError();
          }}
        >
          <ValueDateField
            label={t('reports.from')}
            value={choice.from}
            error={adHocErrorsShown.from}
            onChange={(from) => setChoice({ ...choice, from })}
          />
          <ValueDateField
            label={t('reports.to')}
            value={choice.to}
            error={adHocErrorsShown.to}
            onChange={(to) => setChoice({ ...choice, to })}
          />
          <button type="submit" className="btn btn--primary">
            {t('reports.show')}
          </button>
        </form>
      )}
    </div>
  );
}
