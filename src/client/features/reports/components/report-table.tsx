import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, type ActivityType } from '../../../../shared/activity/activity-enums';
import { formatNumber } from '../../../../shared/format/vi-format';
import { formTable, summaryTable, tableUnits } from '../../../../shared/reports/report-tables';
import type { SummaryReport } from '../../../../shared/reports/summary-report';
import { hrefFor } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { useDictionary } from '../hooks/use-dictionary';

interface ReportTableProps {
  report: SummaryReport;
  /** null: the all-forms summary. */
  form: ActivityType | null;
  /** Opens a child unit's own report. */
  onDrillDown: (code: string) => void;
}

/**
 * The report's table: one row per child unit, then the total row (the sum of the rows), the same
 * table as the exports. A unit with children drills down; a figure links to the records behind it.
 */
export function ReportTable({ report, form, onDrillDown }: ReportTableProps) {
  const { t } = useTranslation();
  const d = useDictionary();
  const locale = useLocale();
  const table = form === null ? summaryTable(report, d) : formTable(report, form, d);
  // Row by row the same units as the table: children, figures that fit no single child, total.
  const units = tableUnits(report);
  // Summary: columns 2.. are the activities of each form, then all-forms figures.
  const formOfColumn = (column: number): ActivityType | undefined =>
    form ??
    (column >= 2 && column < 2 + ACTIVITY_TYPES.length ? ACTIVITY_TYPES[column - 2] : undefined);

  return (
    <div className="report-table__scroll" tabIndex={0} role="region" aria-label={table.name}>
      <table className="report-table">
        <caption className="visually-hidden">{table.name}</caption>
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
          {table.rows.map((row, r) => {
            const unit = units[r]!;
            const isTotal =
              r === table.totalRow && (report.rows.length > 0 || report.unplaced.length > 0);
            const drill = !isTotal && unit.hasChildren;
            return (
              <tr key={`${unit.code}-${r}`} className={isTotal ? 'report-table__total' : undefined}>
                <th scope="row">
                  {drill ? (
                    <button
                      type="button"
                      className="report-table__drill"
                      aria-label={t('reports.drillDown', { name: unit.name })}
                      onClick={() => onDrillDown(unit.code)}
                    >
                      {String(row[1])} ›
                    </button>
                  ) : (
                    String(row[1])
                  )}
                </th>
                {row.slice(2).map((cell, c) => {
                  const column = c + 2;
                  const value = typeof cell === 'number' ? formatNumber(cell, locale) : cell;
                  if (typeof cell !== 'number' || cell === 0) return <td key={c}>{value}</td>;
                  // The last column counts drafts (listed apart): it opens those drafts.
                  const drafts = column === row.length - 1;
                  const cellForm = formOfColumn(column);
                  const href = hrefFor({
                    name: 'records',
                    unit: unit.code,
                    // An unplaced row's code is a unit of its own geography.
                    geography: unit.geographyId ?? report.geography,
                    from: report.period.from,
                    to: report.period.to,
                    status: drafts ? 'draft' : 'complete',
                    ...(cellForm ? { form: cellForm } : {}),
                  });
                  return (
                    <td key={c}>
                      <a
                        href={href}
                        title={t('reports.recordsOf', {
                          name: unit.name,
                          what: table.header[column],
                        })}
                      >
                        {value}
                      </a>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
