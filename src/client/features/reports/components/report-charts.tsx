import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../shared/format/vi-format';
import type { MonthlyActivities } from '../../../../shared/reports/monthly-activities';
import type { SummaryReport } from '../../../../shared/reports/summary-report';
import { useLocale } from '../../../lib/use-locale';
import { useDictionary } from '../hooks/use-dictionary';
import { chartData, type ChartData } from '../model/chart-data';

// Chart.js, tree-shaken to bar charts: this module is a lazy chunk of the report screen, so the
// library never weighs on the first load.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// Seven forms need seven distinguishable colours; these keep 3:1 contrast on white.
const PALETTE = ['#0b5d4b', '#1f6fb2', '#b35c00', '#7b3fa0', '#a3122a', '#4d6b00', '#56606b'];

const TITLES = {
  month: 'reports.chartByMonth',
  form: 'reports.chartByForm',
  group: 'reports.chartByGroup',
} as const;

function BarChart({ chart, title }: { chart: ChartData; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const locale = useLocale();
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    // No canvas (an old browser, a test DOM): the table below the chart carries the figures.
    if (!context) return;
    const horizontal = chart.id !== 'month';
    const instance = new Chart(context, {
      type: 'bar',
      data: {
        labels: chart.labels,
        datasets: chart.series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        locale: locale === 'vi' ? 'vi-VN' : 'en-GB',
        plugins: { legend: { display: chart.series.length > 1, position: 'bottom' } },
        scales: {
          x: { stacked: chart.stacked, ticks: { precision: 0 } },
          y: { stacked: chart.stacked, ticks: { precision: 0 } },
        },
      },
    });
    return () => instance.destroy();
  }, [chart, locale]);

  const height = chart.id === 'month' ? 280 : 40 + chart.labels.length * 34;
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <div className="report-chart__canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{title}</summary>
        <table className="report-chart__table" data-chart={chart.id}>
          <thead>
            <tr>
              <th scope="col" />
              {chart.series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {chart.series.map((s) => (
                  <td key={s.label}>{formatNumber(s.values[i] ?? 0, locale)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Biểu đồ: activities by month and by form, participants by target group. */
export function ReportCharts({
  report,
  monthly,
}: {
  report: SummaryReport;
  monthly: MonthlyActivities | undefined;
}) {
  const { t } = useTranslation();
  const d = useDictionary();
  const charts = useMemo(() => chartData(report, monthly, d), [report, monthly, d]);
  return (
    <section className="report-charts" aria-label={t('reports.charts')}>
      <h2>{t('reports.charts')}</h2>
      {charts.map((chart) => (
        <BarChart key={chart.id} chart={chart} title={t(TITLES[chart.id])} />
      ))}
    </section>
  );
}
