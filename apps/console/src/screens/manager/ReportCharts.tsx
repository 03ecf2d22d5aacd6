import { ClockKinds, type ClockKind, type ReportOverviewDto } from '@redress/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import {
  categoryChart,
  categoryRows,
  complianceChart,
  dayChart,
  PROMISE_OUTCOMES,
  promisesChart,
  reportFigures,
  type PromiseOutcome,
} from './report-charts.ts';
import { ReportFigure } from './ReportFigure.tsx';

const isClockKind = (kind: string): kind is ClockKind => (ClockKinds as readonly string[]).includes(kind);

/** The headline figures above the charts. */
const Figures = ({ overview }: { overview: ReportOverviewDto }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const figures = reportFigures(overview);
  const percent = (share: number | null) =>
    share === null ? t('manager.reports.notYet') : formatNumber(share, locale, { style: 'percent' });
  return (
    <ul className="reports-figures" aria-label={t('manager.reports.figures')}>
      <li>
        <strong>{formatNumber(figures.opened, locale)}</strong>
        {t('manager.reports.opened', { count: figures.opened })}
      </li>
      <li>
        <strong>{percent(figures.clocksMetShare)}</strong>
        {t('manager.reports.clocksMet')}
      </li>
      <li>
        <strong>{percent(figures.promisesKeptShare)}</strong>
        {t('manager.reports.promisesKept')}
      </li>
    </ul>
  );
};

/** The four report charts, each with the same numbers as a table. */
export const ReportCharts = ({ overview }: { overview: ReportOverviewDto }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();

  const figures = useMemo(() => {
    const format = (value: number) => formatNumber(value, locale);
    const cases = t('manager.reports.cases');

    const categories = categoryRows(overview.volumeByCategory, locale, t('manager.reports.uncategorised'));
    const days = overview.volumeByDay.map((row) => ({
      name: formatDate(`${row.day}T00:00:00.000Z`, { timeZone: 'UTC' }),
      count: row.count,
    }));
    const compliance = overview.clockCompliance.map((row) => ({
      ...row,
      name: isClockKind(row.kind) ? t(`manager.clockKinds.${row.kind}`) : row.kind,
    }));
    const states = {
      met: t('manager.reports.met'),
      breached: t('manager.reports.breached'),
      running: t('manager.reports.running'),
    };
    const outcomes = Object.fromEntries(
      PROMISE_OUTCOMES.map((outcome) => [outcome, t(`manager.reports.outcomes.${outcome}`)]),
    ) as Record<PromiseOutcome, string>;
    const promisesDue = PROMISE_OUTCOMES.reduce((sum, outcome) => sum + overview.promises[outcome], 0);

    return [
      {
        key: 'category',
        title: t('manager.reports.byCategory'),
        chartLabel: t('manager.reports.byCategoryChart'),
        option: categoryChart(categories, cases, format),
        table: {
          columns: [t('manager.reports.category'), cases],
          rows: categories.map((row, index) => ({ key: String(index), cells: [row.name, format(row.count)] })),
        },
        empty: categories.length === 0 ? t('manager.reports.noCases') : null,
      },
      {
        key: 'day',
        title: t('manager.reports.byDay'),
        chartLabel: t('manager.reports.byDayChart'),
        option: dayChart(days, cases, format),
        table: {
          columns: [t('manager.reports.day'), cases],
          rows: days.map((row, index) => ({ key: String(index), cells: [row.name, format(row.count)] })),
        },
        empty: days.every((row) => row.count === 0) ? t('manager.reports.noCases') : null,
      },
      {
        key: 'compliance',
        title: t('manager.reports.compliance'),
        chartLabel: t('manager.reports.complianceChart'),
        option: complianceChart(compliance, states, format),
        table: {
          columns: [t('manager.reports.clock'), states.met, states.breached, states.running],
          rows: compliance.map((row) => ({
            key: row.kind,
            cells: [row.name, format(row.met), format(row.breached), format(row.running)],
          })),
        },
        empty: compliance.length === 0 ? t('manager.reports.noClocks') : null,
      },
      {
        key: 'promises',
        title: t('manager.reports.promises'),
        chartLabel: t('manager.reports.promisesChart'),
        option: promisesChart(overview.promises, outcomes, t('manager.reports.promises'), format),
        table: {
          columns: [t('manager.reports.outcome'), t('manager.reports.promisesCount')],
          rows: PROMISE_OUTCOMES.map((outcome) => ({
            key: outcome,
            cells: [outcomes[outcome], format(overview.promises[outcome])],
          })),
        },
        empty: promisesDue === 0 ? t('manager.reports.noPromises') : null,
      },
    ];
  }, [overview, locale, formatDate, t]);

  return (
    <>
      <Figures overview={overview} />
      <div className="reports-grid">
        {figures.map(({ key, ...figure }) => (
          <ReportFigure key={key} {...figure} />
        ))}
      </div>
    </>
  );
};
