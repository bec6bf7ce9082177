import { useEffect, useRef } from 'react';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts used here, registered once; this module is loaded lazily by the dashboard.
echarts.use([Bars, GridComponent, TooltipComponent, SVGRenderer]);

/** A horizontal bar chart; the same figures are in a table next to it for screen readers. */
export default function BarChart({ labels, values, max, label }: { labels: string[]; values: number[]; max?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {},
      xAxis: { type: 'value', ...(max !== undefined ? { max } : {}) },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [{ type: 'bar', data: values, label: { show: true, position: 'right' }, itemStyle: { color: '#1d5fa8' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, values, max]);
  return <div ref={ref} className="bar-chart" role="img" aria-label={label} style={{ height: Math.max(120, labels.length * 32 + 24) }} />;
}
