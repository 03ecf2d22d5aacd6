import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportChartOption } from './report-charts.ts';

// ECharts arrives with the first chart, never with the screens that have none.
const EChart = lazy(() => import('./EChart.tsx').then((module) => ({ default: module.EChart })));

/**
 * Whether this browser can draw the charts: `ResizeObserver` and a working canvas. jsdom, where
 * the component tests run, has neither; there the numbers table is the whole figure.
 */
const canDrawCharts = (): boolean =>
  typeof ResizeObserver === 'function' &&
  typeof HTMLCanvasElement === 'function' &&
  !/jsdom/i.test(navigator.userAgent);

export interface FigureTable {
  columns: string[];
  /** The first cell of each row is its header. */
  rows: { key: string; cells: string[] }[];
}

/**
 * A report chart with its text alternative: the same numbers as a table, read by screen readers
 * and shown to anyone who presses "Show the numbers" (always shown where no chart can be drawn).
 */
export const ReportFigure = ({
  title,
  chartLabel,
  option,
  table,
  empty,
}: {
  title: string;
  chartLabel: string;
  option: ReportChartOption;
  table: FigureTable;
  /** Said instead of an empty chart. */
  empty: string | null;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [drawable] = useState(canDrawCharts);
  const [shown, setShown] = useState(false);
  const tableVisible = shown || !drawable;
  return (
    <section className="board-section report-figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {empty !== null ? (
        <p className="muted">{empty}</p>
      ) : (
        drawable && (
          <Suspense fallback={<div className="report-chart" />}>
            <EChart option={option} label={chartLabel} />
          </Suspense>
        )
      )}
      {drawable && empty === null && (
        <button
          type="button"
          className="button-quiet"
          aria-expanded={shown}
          aria-controls={`${id}-table`}
          onClick={() => setShown((value) => !value)}
        >
          {shown ? t('manager.reports.hideNumbers') : t('manager.reports.showNumbers')}
        </button>
      )}
      <div
        id={`${id}-table`}
        className={tableVisible ? 'table-scroll report-numbers' : 'visually-hidden report-numbers'}
      >
        <table className="board-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={column} scope="col" className={index === 0 ? undefined : 'board-num'}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="board-num">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};
