import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { buildOverview } from './report-fixtures.test-util.ts';
import {
  categoryChart,
  categoryRows,
  CHART_COLOURS,
  complianceChart,
  dayChart,
  promisesChart,
  reportFigures,
} from './report-charts.ts';
import { defaultRange, overviewQueryOf, rangeProblem } from './report-range.ts';

const format = (value: number) => new Intl.NumberFormat('en').format(value);
const seriesOf = <T>(option: { series?: unknown }) => option.series as T[];
type Formatter = (params: { value: unknown; name?: string }) => string;

describe('report charts as data', () => {
  const overview = buildOverview();

  it('names categories in the reader’s language, falls back to English, and names the uncategorised', () => {
    expect(categoryRows(overview.volumeByCategory, 'th', 'ไม่มีหมวดหมู่')).toEqual([
      { name: 'การจัดส่ง', count: 1520 },
      { name: 'Product quality', count: 37 },
      { name: 'ไม่มีหมวดหมู่', count: 4 },
    ]);
  });

  it('draws a bar per category with the same counts, labelled with formatted numbers', () => {
    const rows = categoryRows(overview.volumeByCategory, 'en', 'No category');
    const option = categoryChart(rows, 'Cases', format);
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['Delivery', 'Product quality', 'No category'] });
    const [bar] = seriesOf<BarSeriesOption>(option);
    expect(bar!.data).toEqual([1520, 37, 4]);
    expect(bar!.name).toBe('Cases');
    const label = bar!.label as { show: boolean; formatter: Formatter };
    expect(label.show).toBe(true);
    expect(label.formatter({ value: 1520 })).toBe('1,520');
  });

  it('draws the days as one line over the days given', () => {
    const option = dayChart(
      [
        { name: 'Mar 13', count: 5 },
        { name: 'Mar 14', count: 0 },
      ],
      'Cases',
      format,
    );
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['Mar 13', 'Mar 14'] });
    const [line] = seriesOf<LineSeriesOption>(option);
    expect(line).toMatchObject({ type: 'line', data: [5, 0] });
  });

  it('stacks met, breached and running per clock kind, each named, coloured apart and labelled', () => {
    const rows = overview.clockCompliance.map((row) => ({ ...row, name: row.kind }));
    const option = complianceChart(rows, { met: 'Met', breached: 'Breached', running: 'Still running' }, format);
    const series = seriesOf<BarSeriesOption>(option);
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Met', 'clocks', [80, 190]],
      ['Breached', 'clocks', [15, 3]],
      ['Still running', 'clocks', [5, 7]],
    ]);
    expect(series.map((s) => (s.itemStyle as { color: string }).color)).toEqual([
      CHART_COLOURS.met,
      CHART_COLOURS.breached,
      CHART_COLOURS.running,
    ]);
    const label = series[1]!.label as { formatter: (params: { value: unknown; dataIndex: number }) => string };
    expect(label.formatter({ value: 15, dataIndex: 0 })).toBe('15');
    expect(label.formatter({ value: 0, dataIndex: 0 })).toBe('');
    // 3 of 200 first-response clocks: too thin a segment for its number.
    expect(label.formatter({ value: 3, dataIndex: 1 })).toBe('');
    expect(option.legend).toBeDefined();
  });

  it('shows each promise outcome that happened as a labelled slice', () => {
    const names = { kept: 'Kept', broken: 'Broken', renegotiated: 'Renegotiated', open: 'Open', overdue: 'Overdue' };
    const option = promisesChart({ ...overview.promises, open: 0 }, names, 'Promises kept', format);
    const [pie] = seriesOf<PieSeriesOption>(option);
    expect((pie!.data as { name: string; value: number }[]).map(({ name, value }) => [name, value])).toEqual([
      ['Kept', 42],
      ['Broken', 3],
      ['Renegotiated', 6],
      ['Overdue', 2],
    ]);
    expect((pie!.label as { formatter: Formatter }).formatter({ name: 'Kept', value: 4200 })).toBe('Kept: 4,200');
  });

  it('counts the headline figures only over what has come due', () => {
    expect(reportFigures(overview)).toEqual({
      opened: 14,
      clocksMetShare: 270 / 288,
      promisesKeptShare: 42 / 47,
    });
    const quiet = {
      ...overview,
      clockCompliance: [],
      promises: { kept: 0, broken: 0, renegotiated: 1, open: 2, overdue: 0 },
    };
    expect(reportFigures(quiet)).toMatchObject({ clocksMetShare: null, promisesKeptShare: null });
  });
});

describe('report range', () => {
  it('defaults to the last 30 days including today', () => {
    expect(defaultRange(new Date(2026, 2, 15, 18, 30))).toEqual({ from: '2026-02-14', to: '2026-03-15', siteId: '' });
  });

  it('asks for whole UTC days, the last one included, and the site only when chosen', () => {
    expect(overviewQueryOf({ from: '2026-02-28', to: '2026-02-28', siteId: '' })).toEqual({
      from: '2026-02-28T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
    expect(overviewQueryOf({ from: '2026-01-01', to: '2026-12-31', siteId: 'site_tpe' })).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      siteId: 'site_tpe',
    });
  });

  it('refuses a range that ends before it starts, or a missing day', () => {
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01', siteId: '' })).toBe('order');
    expect(rangeProblem({ from: '', to: '2026-03-01', siteId: '' })).toBe('missing');
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-01', siteId: '' })).toBeNull();
  });
});
