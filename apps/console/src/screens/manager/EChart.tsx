import type { EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { init } from './echarts-setup.ts';
import type { ReportChartOption } from './report-charts.ts';

/**
 * One ECharts chart on a div: created on mount, given `option` whenever it changes, resized with its
 * box, disposed on unmount. The div is an image named by `label` (ECharts' own aria module keeps the
 * same name and adds patterns to the series, so colour is never the only difference).
 */
export const EChart = ({ option, label }: { option: ReportChartOption; label: string }) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { ...option, aria: { enabled: true, label: { description: label }, decal: { show: true } } },
      { notMerge: true },
    );
  }, [option, label]);

  return <div ref={box} className="report-chart" role="img" aria-label={label} />;
};
