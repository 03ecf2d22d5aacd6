import type { Locale, ReportOverviewDto } from '@redress/contract';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { pickName } from './board-model.ts';

/**
 * The reports' charts as data: rows for the text alternative and ECharts options built from the
 * same rows, so the table and the picture always show the same numbers. Pure: words and number
 * formatting are passed in; only ECharts' types are imported (the library loads with the chart).
 */
export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export type FormatNumber = (value: number) => string;

/** Colours at 4.5:1 or better on white; each series also has a name in the legend, a label and a pattern. */
export const CHART_COLOURS = {
  accent: '#1d4e63',
  met: '#1e6b3a',
  breached: '#a4262c',
  running: '#4a5565',
  renegotiated: '#1d4e63',
  overdue: '#8a4b00',
} as const;

const TEXT = '#1b2430';
const MIN_LABELLED_SHARE = 0.1;

export interface NamedCount {
  name: string;
  count: number;
}

/** Volume by category with each category named in the reader's language (else English, else any). */
export const categoryRows = (
  volume: ReportOverviewDto['volumeByCategory'],
  locale: Locale,
  uncategorised: string,
): NamedCount[] =>
  volume.map((row) => ({
    name: row.categoryId === null ? uncategorised : (pickName(row.names, locale) ?? row.categoryId),
    count: row.count,
  }));

export interface ComplianceRow {
  name: string;
  met: number;
  breached: number;
  running: number;
}

export const PROMISE_OUTCOMES = ['kept', 'broken', 'renegotiated', 'open', 'overdue'] as const;
export type PromiseOutcome = (typeof PROMISE_OUTCOMES)[number];
const OUTCOME_COLOURS: Record<PromiseOutcome, string> = {
  kept: CHART_COLOURS.met,
  broken: CHART_COLOURS.breached,
  renegotiated: CHART_COLOURS.renegotiated,
  open: CHART_COLOURS.running,
  overdue: CHART_COLOURS.overdue,
};

const axisText = { color: TEXT, fontSize: 12 };

const tooltip = (format: FormatNumber, trigger: 'axis' | 'item'): TooltipComponentOption => ({
  trigger,
  valueFormatter: (value) => format(Number(value)),
});

/** A horizontal bar per category, most first from the top, its count at the end of the bar. */
export const categoryChart = (rows: NamedCount[], seriesName: string, format: FormatNumber): ReportChartOption => ({
  grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
  tooltip: tooltip(format, 'axis'),
  xAxis: { type: 'value', axisLabel: { ...axisText, formatter: (value: number) => format(value) } },
  yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: axisText },
  series: [
    {
      type: 'bar',
      name: seriesName,
      data: rows.map((row) => row.count),
      itemStyle: { color: CHART_COLOURS.accent },
      label: { show: true, position: 'right', color: TEXT, formatter: (p) => format(Number(p.value)) },
    },
  ],
});

/** Cases opened per day as a line; `days` are already written in the reader's calendar. */
export const dayChart = (rows: NamedCount[], seriesName: string, format: FormatNumber): ReportChartOption => ({
  grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
  tooltip: tooltip(format, 'axis'),
  xAxis: { type: 'category', boundaryGap: false, data: rows.map((row) => row.name), axisLabel: axisText },
  yAxis: {
    type: 'value',
    minInterval: 1,
    axisLabel: { ...axisText, formatter: (value: number) => format(value) },
  },
  series: [
    {
      type: 'line',
      name: seriesName,
      data: rows.map((row) => row.count),
      itemStyle: { color: CHART_COLOURS.accent },
      lineStyle: { color: CHART_COLOURS.accent, width: 2 },
      symbol: 'circle',
      symbolSize: 6,
    },
  ],
});

/** Clock compliance per kind: met, breached and still running stacked, each labelled and in the legend. */
export const complianceChart = (
  rows: ComplianceRow[],
  names: Record<'met' | 'breached' | 'running', string>,
  format: FormatNumber,
): ReportChartOption => {
  const totals = rows.map((row) => row.met + row.breached + row.running);
  const series = (['met', 'breached', 'running'] as const).map((key): BarSeriesOption => ({
    type: 'bar',
    name: names[key],
    stack: 'clocks',
    data: rows.map((row) => row[key]),
    itemStyle: { color: CHART_COLOURS[key] },
    label: {
      show: true,
      color: '#fff',
      // A segment under a tenth of its bar has no room for its number (the table has it).
      formatter: (p) => {
        const value = Number(p.value);
        return value === 0 || value < (totals[p.dataIndex] ?? 0) * MIN_LABELLED_SHARE ? '' : format(value);
      },
    },
  }));
  return {
    legend: { top: 0, textStyle: axisText },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: tooltip(format, 'axis'),
    xAxis: { type: 'value', axisLabel: { ...axisText, formatter: (value: number) => format(value) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: axisText },
    series,
  };
};

/** Promises by outcome as a ring, every slice labelled with its name and count; empty outcomes left out. */
export const promisesChart = (
  promises: ReportOverviewDto['promises'],
  names: Record<PromiseOutcome, string>,
  seriesName: string,
  format: FormatNumber,
): ReportChartOption => ({
  legend: { bottom: 0, textStyle: axisText },
  tooltip: tooltip(format, 'item'),
  series: [
    {
      type: 'pie',
      name: seriesName,
      radius: ['35%', '65%'],
      center: ['50%', '45%'],
      data: PROMISE_OUTCOMES.filter((outcome) => promises[outcome] > 0).map((outcome) => ({
        name: names[outcome],
        value: promises[outcome],
        itemStyle: { color: OUTCOME_COLOURS[outcome] },
      })),
      label: { color: TEXT, overflow: 'break', formatter: (p) => `${p.name}: ${format(Number(p.value))}` },
      labelLayout: { hideOverlap: true },
    },
  ],
});

/** The headline figures: cases opened, the share of clocks met in time and of promises kept. */
export const reportFigures = (overview: ReportOverviewDto) => {
  const opened = overview.volumeByDay.reduce((sum, row) => sum + row.count, 0);
  const met = overview.clockCompliance.reduce((sum, row) => sum + row.met, 0);
  const breached = overview.clockCompliance.reduce((sum, row) => sum + row.breached, 0);
  const { kept, broken, overdue } = overview.promises;
  // Only what has come due counts: running clocks and open promises are not yet met or missed.
  return {
    opened,
    clocksMetShare: met + breached === 0 ? null : met / (met + breached),
    promisesKeptShare: kept + broken + overdue === 0 ? null : kept / (kept + broken + overdue),
  };
};
