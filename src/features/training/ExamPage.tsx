import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { useBanks, useCourses, useExams, useResults, useStaff } from './data';
import { ListPage } from './ListPage';
import { encodeId, ExportButtons, PassBadge } from './ui';
import { setExamStatus } from './writes';

/** Every exam, newest first. */
export function ExamsPage() {
  const { t } = useTranslation();
  const { exams, loading } = useExams();
  const { byId: courses } = useCourses();
  const sorted = useMemo(() => [...exams].sort((a, b) => b.day.localeCompare(a.day) || a.title.localeCompare(b.title)), [exams]);
  return (
    <ListPage
      id="exams"
      title={t('training.exam.listTitle')}
      action={{ to: '/training/exams/new', label: t('training.exam.new') }}
      loading={loading}
      columns={[t('training.field.day'), t('training.field.title'), t('training.field.course'), t('training.exam.modeLabel'), t('training.field.status')]}
    >
      {sorted.map((e) => (
        <tr key={e.id}>
          <td>{e.day}</td>
          <td>
            <Link to={`/training/exams/${encodeId(e.id)}`}>{e.title}</Link>
          </td>
          <td>{courses.get(e.courseId)?.name ?? e.courseId}</td>
          <td>{t(`training.exam.mode.${e.mode}`)}</td>
          <td>{t(`training.exam.status.${e.status}`)}</td>
        </tr>
      ))}
    </ListPage>
  );
}

/** One exam: its settings, every attempt with its score, attempts to mark, and the way into the exam kiosk. */
export function ExamPage() {
  const { examId = '' } = useParams();
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { exams, loading } = useExams();
  const { byId: courses } = useCourses();
  const { banks } = useBanks();
  const { byId: staff } = useStaff();
  const { results } = useResults([examId]);
  const [confirmClose, setConfirmClose] = useState(false);
  const exam = exams.find((e) => e.id === examId);
  const rows = useMemo(
    () => [...results].sort((a, b) => (staff.get(a.staffId)?.staffNo ?? a.staffId).localeCompare(staff.get(b.staffId)?.staffNo ?? b.staffId) || a.attempt - b.attempt),
    [results, staff],
  );
  if (!exam) return <p role="status">{loading ? t('common.loading') : t('training.exam.notFound')}</p>;
  const bank = banks.find((b) => b.id === exam.questionBankId);
  const name = (id: string) => staff.get(id)?.name ?? id;

  return (
    <section aria-labelledby="exam-title">
      <h1 id="exam-title">{exam.title}</h1>
      <dl className="facts">
        <dt>{t('training.field.course')}</dt>
        <dd>{courses.get(exam.courseId)?.name ?? exam.courseId}</dd>
        <dt>{t('training.field.day')}</dt>
        <dd>{exam.day}</dd>
        <dt>{t('training.exam.modeLabel')}</dt>
        <dd>{t(`training.exam.mode.${exam.mode}`)}</dd>
        {bank && (
          <>
            <dt>{t('training.exam.bank')}</dt>
            <dd>
              {bank.name} · {t('training.bank.count', { count: exam.questionIds.length || bank.questions.length })}
            </dd>
          </>
        )}
        <dt>{t('training.exam.passMark')}</dt>
        <dd>
          {exam.passMark} / {exam.maxScore}
        </dd>
        <dt>{t('training.exam.attemptLimit')}</dt>
        <dd>{exam.attemptLimit}</dd>
        <dt>{t('training.field.status')}</dt>
        <dd>{t(`training.exam.status.${exam.status}`)}</dd>
      </dl>
      <div className="toolbar">
        {exam.mode === 'question-bank' && exam.status === 'open' && (
          <Link className="button-link" to={`/training/take/${encodeId(exam.id)}`}>
            {t('training.take.start')}
          </Link>
        )}
        {exam.mode === 'trainer-scored' && exam.sessionId && (
          <Link className="button-link" to={`/training/sessions/${encodeId(exam.sessionId)}/scores`}>
            {t('training.grid.open')}
          </Link>
        )}
        {exam.sessionId && <Link to={`/training/sessions/${encodeId(exam.sessionId)}`}>{t('training.exam.toSession')}</Link>}
        {exam.status === 'open' ? (
          <button type="button" className="secondary" onClick={() => setConfirmClose(true)}>
            {t('training.exam.close')}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void setExamStatus(db, author, exam.id, 'open')}>
            {t('training.exam.reopen')}
          </button>
        )}
        <ExportButtons
          name={exam.title}
          rows={rows}
          columns={[
            { header: t('training.field.staffNo'), value: (r) => staff.get(r.staffId)?.staffNo ?? '' },
            { header: t('training.field.trainee'), value: (r) => name(r.staffId) },
            { header: t('training.field.attempt'), value: (r) => r.attempt },
            { header: t('training.field.day'), value: (r) => r.day },
            { header: t('training.field.score'), value: (r) => r.finalScore },
            { header: t('training.field.result'), value: (r) => (r.passed === undefined ? t(`training.result.status.${r.status}`) : r.passed ? t('training.result.passed') : t('training.result.failed')) },
          ]}
        />
      </div>
      <h2>{t('training.exam.results')}</h2>
      {rows.length === 0 ? (
        <p>{t('training.exam.noResults')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('training.field.trainee')}</th>
              <th scope="col">{t('training.field.attempt')}</th>
              <th scope="col">{t('training.field.day')}</th>
              <th scope="col">{t('training.field.score')}</th>
              <th scope="col">{t('training.field.result')}</th>
              <th scope="col">{t('training.field.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="exam-result-row" data-staff-id={r.staffId} data-attempt={r.attempt} data-status={r.status}>
                <td>
                  {name(r.staffId)} <span className="muted">{staff.get(r.staffId)?.staffNo}</span>
                </td>
                <td>{r.attempt}</td>
                <td>{r.day}</td>
                <td>{r.finalScore ?? (r.autoScore !== undefined ? t('training.exam.autoSoFar', { score: r.autoScore }) : '')}</td>
                <td>
                  <PassBadge passed={r.passed} status={r.status} />
                </td>
                <td>
                  {r.status === 'pending-marking' && <Link to={`/training/results/${encodeId(r.id)}/mark`}>{t('training.marking.mark')}</Link>}
                  {r.status === 'final' && exam.mode === 'question-bank' && (
                    <Link to={`/training/results/${encodeId(r.id)}/mark`}>{t('training.marking.review')}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={confirmClose}
        title={t('training.exam.closeTitle')}
        confirmLabel={t('training.exam.close')}
        onCancel={() => setConfirmClose(false)}
        onConfirm={() => {
          setConfirmClose(false);
          void setExamStatus(db, author, exam.id, 'closed');
        }}
      >
        <p>{t('training.exam.closeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
