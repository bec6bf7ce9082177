import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE } from '../../app/export';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { addMonthsToMonth, monthOf } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import type { DocOf } from '../../domain/collections';
import { siteAttendance } from '../../domain/rules/dashboard';
import { baseReview, lockRefusal, lockReview, withScore, type ReviewSide } from '../../domain/rules/review-entry';
import { scoreSchema } from '../../domain/schemas/common';
import { upsertDoc } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { orgPolicy, siteDataFrom } from '../reports/site-data';
import { useReportData, useScopedSites } from '../reports/useReportData';
import { reviewColumns, reviewRows, type ReviewRow } from './review-rows';
import './reviews.css';

type Review = DocOf<'reviews'>;
type ReviewFields = Omit<Review, 'updatedAt' | 'updatedBy' | 'deviceId'>;

function strip(r: Review | undefined): ReviewFields | undefined {
  if (!r) return undefined;
  const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest } = r;
  return rest;
}

/** The monthly performance review (绩效考核): the provider's and the client's score on their own devices, the 30/70 total, pay and flags. */
export default function ReviewsFeature() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session?.user.role;
  const db = useAppDatabase();
  const author = useAuthor();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const { sites } = useScopedSites();
  const site = sites.find((s) => s.id === params.get('site')) ?? sites[0];
  const tz = site?.timeZone ?? 'Asia/Shanghai';
  const today = dayOfInstant(now, tz);
  const m = params.get('month');
  // Reviews are of the month just ended (scored by the 5th of the next).
  const month = m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : addMonthsToMonth(monthOf(today), -1);
  const chosen = useMemo(() => (site ? [site] : []), [site]);
  const raw = useReportData(chosen, month, today);
  const { docs: reviews } = useLiveDocs('reviews', { selector: { siteId: site?.id ?? '' } });
  const policy = orgPolicy(raw.organisation);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [toLock, setToLock] = useState<ReviewRow | null>(null);
  const [message, setMessage] = useState('');
  const [exporting, setExporting] = useState(false);

  const rows = useMemo(() => {
    const data = siteDataFrom(raw)[0];
    return reviewRows({
      month,
      policy: data?.policy ?? policy,
      staff: raw.staff,
      reviews,
      attendance: data ? siteAttendance(data, month, now) : [],
      inspections: raw.inspections.filter((i) => i.kind === 'inspection'),
      results: raw.results.filter((r) => r.kind === 'exam-result'),
    });
  }, [raw, month, policy, reviews, now]);

  const mySide: ReviewSide | null = role === 'manager' || role === 'admin' ? 'provider' : role === 'client-reviewer' ? 'client' : null;
  const canLock = role === 'manager' || role === 'admin';
  const set = (name: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(name, value);
      return next;
    });

  const save = async (row: ReviewRow) => {
    if (!mySide || !site) return;
    const text = drafts[row.staffId] ?? '';
    const parsed = scoreSchema.safeParse(text.trim() === '' ? NaN : Number(text));
    if (!parsed.success) {
      setErrors((e) => ({ ...e, [row.staffId]: t('reviews.scoreInvalid') }));
      return;
    }
    setErrors((e) => ({ ...e, [row.staffId]: '' }));
    const base = baseReview(strip(row.review), row.staffId, site.id, month);
    await upsertDoc(db, 'reviews', withScore(base, mySide, parsed.data, author.userId, new Date(nowMs()).toISOString()), author);
    setDrafts((d) => ({ ...d, [row.staffId]: '' }));
    setMessage(t('reviews.saved', { name: row.name }));
  };

  const lock = async (row: ReviewRow) => {
    setToLock(null);
    if (!row.review) return;
    await upsertDoc(db, 'reviews', lockReview(strip(row.review)!, policy, author.userId, new Date(nowMs()).toISOString()), author);
    setMessage(t('reviews.lockedMessage', { name: row.name }));
  };

  const columns = reviewColumns(t);
  const fileBase = `${t('reviews.fileName')}-${site?.name ?? ''}-${month}`;
  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(`${fileBase}.xlsx`, (await toXlsx([{ name: month, columns, rows } as never])) as BlobPart, XLSX_TYPE);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="reviews-title" className="reviews">
      <h1 id="reviews-title">{t('reviews.title', { site: site?.name ?? '', month })}</h1>
      <div className="toolbar no-print">
        {sites.length > 1 && (
          <label className="field inline">
            {t('reviews.site')}
            <select value={site?.id ?? ''} onChange={(e) => set('site', e.target.value)}>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field inline">
          {t('reviews.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && set('month', e.target.value)} />
        </label>
        <button type="button" className="secondary" onClick={() => saveFile(`${fileBase}.csv`, toCsv(columns, rows), CSV_TYPE)}>
          {t('common.exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => void exportXlsx()} disabled={exporting}>
          {t('common.exportXlsx')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      {exporting && <ProgressBar label={t('reviews.exporting')} value={0} max={0} />}
      <p className="hint">{t('reviews.explain', { provider: Math.round(policy.performance.providerWeight * 100), client: Math.round(policy.performance.clientWeight * 100) })}</p>
      <p role="status" className="status-line">
        {message}
      </p>
      <div className="table-scroll">
        <table className="data reviews-table">
          <caption className="sr-only">{t('reviews.title', { site: site?.name ?? '', month })}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col" className="no-print">
                {t('reviews.col.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const locked = r.review?.locked ?? false;
              const inputId = `score-${r.staffId}`;
              const errorId = `score-error-${r.staffId}`;
              const refusal = r.review ? lockRefusal(r.review) : 'provider-missing';
              return (
                <tr key={r.staffId} data-testid="review-row" data-staff-id={r.staffId} data-locked={locked ? '1' : '0'}>
                  {columns.map((c, i) => {
                    const Cell = i === 1 ? 'th' : 'td';
                    return (
                      <Cell key={c.header} {...(i === 1 ? { scope: 'row' } : {})} data-col={['staffNo', 'name', 'attendance', 'inspection', 'exam', 'provider', 'client', 'total', 'pay', 'warnings', 'status'][i]}>
                        {i === 9 && r.outcome.warnings.length ? <span className="badge bad">{c.value(r)}</span> : c.value(r)}
                      </Cell>
                    );
                  })}
                  <td className="no-print row-actions">
                    {mySide && !locked && (
                      <form
                        className="score-form"
                        noValidate
                        onSubmit={(e) => {
                          e.preventDefault();
                          void save(r);
                        }}
                      >
                        <label htmlFor={inputId} className="sr-only">
                          {t(mySide === 'provider' ? 'reviews.providerScoreFor' : 'reviews.clientScoreFor', { name: r.name })}
                        </label>
                        <input
                          id={inputId}
                          type="number"
                          inputMode="decimal"
                          min={0}
                          max={100}
                          step="0.5"
                          value={drafts[r.staffId] ?? ''}
                          placeholder={t(mySide === 'provider' ? 'reviews.providerScore' : 'reviews.clientScore')}
                          aria-invalid={errors[r.staffId] ? true : undefined}
                          aria-describedby={errors[r.staffId] ? errorId : undefined}
                          onChange={(e) => setDrafts((d) => ({ ...d, [r.staffId]: e.target.value }))}
                        />
                        <button type="submit">{t('common.save')}</button>
                        {errors[r.staffId] && (
                          <span id={errorId} className="field-error">
                            {errors[r.staffId]}
                          </span>
                        )}
                      </form>
                    )}
                    {canLock && !locked && (
                      <button type="button" className="secondary" disabled={refusal !== null} onClick={() => setToLock(r)} title={refusal ? t(`reviews.refusal.${refusal}`) : undefined}>
                        {t('reviews.lock')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={toLock !== null}
        title={t('reviews.lockTitle', { name: toLock?.name ?? '' })}
        confirmLabel={t('reviews.lock')}
        onConfirm={() => toLock && void lock(toLock)}
        onCancel={() => setToLock(null)}
      >
        <p>{t('reviews.lockBody', { total: toLock?.outcome.total ?? '', pay: toLock?.outcome.pay ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
