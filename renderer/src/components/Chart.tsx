import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import langZH from 'echarts/i18n/langZH-obj.js';

// Only what the charts use (tree-shaken), drawn as SVG so the same charts print sharp.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);
echarts.registerLocale('ZH', langZH);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts chart; `onClick` gets the clicked data index (each figure opens its records). */
export function Chart({ option, height = 260, label, onClick }: { option: ChartOption; height?: number; label: string; onClick?: (index: number, seriesIndex: number) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p.dataIndex, p.seriesIndex ?? 0));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
