/**
 * Browser side of bench/dashboard-render.ts: builds the month dashboard of one
 * site from raw documents with the same pure functions as the screen and
 * renders its figures with React, timing both.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { monthDashboard } from '../src/domain/rules/dashboard';
import { Figure } from '../src/features/reports/figure';
import { formatNumber, formatRate, orgPolicy, siteDataFrom, type RawDocs } from '../src/features/reports/site-data';

declare global {
  interface Window {
    benchData: { raw: RawDocs; month: string; nowMs: number };
    runDashboard(): { computeMs: number; renderMs: number; attendanceBase: number; rows: number };
  }
}

window.runDashboard = () => {
  const { raw, month, nowMs } = window.benchData;
  const el = document.createElement('div');
  document.body.replaceChildren(el);
  const t0 = performance.now();
  const dash = monthDashboard(siteDataFrom(raw), month, nowMs, orgPolicy(raw.organisation));
  const t1 = performance.now();
  const a = dash.attendance;
  const root = createRoot(el);
  flushSync(() =>
    root.render(
      <dl>
        <Figure id="attendance-rate" label="出勤率" value={formatRate(a.attendanceRate)} hint={`${a.attendedDays} / ${a.attendanceBase}`} />
        <Figure id="on-time-rate" label="准时出勤率" value={formatRate(a.onTimeRate)} />
        <Figure id="late" label="迟到" value={formatNumber(a.lateCount)} />
        <Figure id="training" label="培训完成率" value={formatRate(dash.training.completionRate)} />
        <Figure id="inspection" label="督导平均分" value={formatNumber(dash.inspections.averageScore)} />
        <Figure id="actions" label="逾期整改" value={formatNumber(dash.actions.overdue)} />
        {dash.inspections.byDimension.map((d) => (
          <Figure key={d.sectionId} id={d.sectionId} label={d.sectionId} value={String(d.average)} />
        ))}
      </dl>,
    ),
  );
  const t2 = performance.now();
  root.unmount();
  return { computeMs: t1 - t0, renderMs: t2 - t1, attendanceBase: a.attendanceBase, rows: raw.staff.length };
};
