import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile, toXlsx, XLSX_TYPE } from '../../app/export';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { courseStats, personHistory, type HistoryEntry } from '../../domain/rules/training-records';
import { trainingDaysOf } from '../../domain/rules/training-ops';
import { matchesPerson, useCertificates, useCourses, useExams, useResults, useSessions, useStaff } from './data';
import { ExportButtons, percent } from './ui';

/** Training records: completion and pass rates per course, each person's history, and exports. */
export function RecordsPage() {
  const { t } = useTranslation();
  const { courses, byId: courseById } = useCourses();
  const { sessions } = useSessions();
  const { exams } = useExams();
  const { results } = useResults();
  const { certificates } = useCertificates();
  const { staff, byId: staffById } = useStaff();
  const [search, setSearch] = useState('');
  const [personId, setPersonId] = useState('');
  const [exporting, setExporting] = useState(false);

  const stats = useMemo(() => courses.map((c) => courseStats(c.id, sessions, results)), [courses, sessions, results]);
  const matches = useMemo(() => (search.trim() ? staff.filter((s) => matchesPerson(s, search)).slice(0, 20) : []), [staff, search]);
  const person = staffById.get(personId);
  const history = useMemo(() => (person ? personHistory(person.id, sessions, results, certificates) : []), [person, sessions, results, certificates]);
  const trainingDays = useMemo(() => (person ? trainingDaysOf(sessions, person.id) : []), [person, sessions]);
  const examTitle = new Map(exams.map((e) => [e.id, e.title]));
  const courseName = (id: string) => courseById.get(id)?.name ?? id;

  const describe = (h: HistoryEntry): string => {
    switch (h.type) {
      case 'session':
        return t('training.records.sessionEntry', { attendance: t(`training.attendance.${h.attendance}`), status: t(`training.session.status.${h.sessionStatus}`) });
      case 'result':
        return t('training.records.resultEntry', {
          exam: examTitle.get(h.examId) ?? h.examId,
          attempt: h.attempt,
          score: h.finalScore ?? '—',
          result: h.passed === undefined ? t(`training.result.status.${h.status}`) : h.passed ? t('training.result.passed') : t('training.result.failed'),
        });
      case 'certificate':
        return t('training.records.certEntry', { number: h.number ?? '', expires: h.expiresOn ?? t('training.course.neverExpires') }) + (h.revoked ? ` (${t('training.cert.filter.revoked')})` : '');
    }
  };

  const statColumns = [
    { header: t('training.field.course'), value: (s: (typeof stats)[number]) => courseName(s.courseId) },
    { header: t('training.records.enrolled'), value: (s: (typeof stats)[number]) => s.enrolled },
    { header: t('training.records.attended'), value: (s: (typeof stats)[number]) => s.attended },
    { header: t('training.records.examined'), value: (s: (typeof stats)[number]) => s.examined },
    { header: t('training.records.passed'), value: (s: (typeof stats)[number]) => s.passed },
    { header: t('training.records.completionRate'), value: (s: (typeof stats)[number]) => percent(s.completionRate) },
    { header: t('training.records.passRate'), value: (s: (typeof stats)[number]) => percent(s.passRate) },
    { header: t('training.records.firstPassRate'), value: (s: (typeof stats)[number]) => percent(s.firstAttemptPassRate) },
    { header: t('training.records.average'), value: (s: (typeof stats)[number]) => s.averageScore ?? '' },
  ];

  const exportAll = async () => {
    setExporting(true);
    try {
      const name = (id: string) => staffById.get(id)?.name ?? id;
      const no = (id: string) => staffById.get(id)?.staffNo ?? '';
      const data = await toXlsx([
        {
          name: t('training.records.statsTitle'),
          rows: stats,
          columns: statColumns,
        },
        {
          name: t('training.exam.results'),
          rows: results,
          columns: [
            { header: t('training.field.staffNo'), value: (r: (typeof results)[number]) => no(r.staffId) },
            { header: t('training.field.trainee'), value: (r: (typeof results)[number]) => name(r.staffId) },
            { header: t('training.field.course'), value: (r: (typeof results)[number]) => courseName(r.courseId) },
            { header: t('training.field.title'), value: (r: (typeof results)[number]) => examTitle.get(r.examId) ?? r.examId },
            { header: t('training.field.attempt'), value: (r: (typeof results)[number]) => r.attempt },
            { header: t('training.field.day'), value: (r: (typeof results)[number]) => r.day },
            { header: t('training.field.score'), value: (r: (typeof results)[number]) => r.finalScore },
            { header: t('training.field.result'), value: (r: (typeof results)[number]) => (r.passed === undefined ? t(`training.result.status.${r.status}`) : r.passed ? t('training.result.passed') : t('training.result.failed')) },
          ],
        },
        {
          name: t('training.cert.title'),
          rows: certificates,
          columns: [
            { header: t('training.cert.number'), value: (c: (typeof certificates)[number]) => c.number },
            { header: t('training.field.staffNo'), value: (c: (typeof certificates)[number]) => no(c.staffId) },
            { header: t('training.field.trainee'), value: (c: (typeof certificates)[number]) => name(c.staffId) },
            { header: t('training.field.course'), value: (c: (typeof certificates)[number]) => courseName(c.courseId) },
            { header: t('training.cert.issuedOn'), value: (c: (typeof certificates)[number]) => c.issuedOn },
            { header: t('training.cert.expiresOn'), value: (c: (typeof certificates)[number]) => c.expiresOn ?? '' },
            { header: t('training.cert.filter.revoked'), value: (c: (typeof certificates)[number]) => (c.revoked ? t('common.yes') : t('common.no')) },
          ],
        },
      ] as never);
      saveFile(`${t('training.records.title')}.xlsx`, data as Uint8Array<ArrayBuffer>, XLSX_TYPE);
    } finally {
      setExporting(false);
    }
  };


  return (
    <section aria-labelledby="records-title">
      <h1 id="records-title">{t('training.records.title')}</h1>
      <div className="toolbar">
        <button type="button" onClick={() => void exportAll()} disabled={exporting}>
          {t('training.records.exportAll')}
        </button>
        {exporting && <ProgressBar label={t('training.records.exporting')} value={0} max={1} />}
      </div>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t('training.records.statsTitle')}</h2>
        <div className="toolbar">
          <ExportButtons name={t('training.records.statsTitle')} columns={statColumns} rows={stats} />
        </div>
        <div className="grid-scroll">
          <table className="data">
            <thead>
              <tr>
                {statColumns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.courseId} data-testid="course-stats">
                  {statColumns.map((c) => (
                    <td key={c.header}>{c.value(s)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="person-title">
        <h2 id="person-title">{t('training.records.personTitle')}</h2>
        <div className="toolbar">
          <label className="inline-field">
            {t('common.search')}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('training.searchPerson')} />
          </label>
        </div>
        {matches.length > 0 && (
          <ul className="chip-list" aria-label={t('training.records.matches')}>
            {matches.map((s) => (
              <li key={s.id}>
                <button type="button" className={s.id === personId ? undefined : 'secondary'} aria-pressed={s.id === personId} onClick={() => setPersonId(s.id)}>
                  {s.name} {s.staffNo}
                </button>
              </li>
            ))}
          </ul>
        )}
        {person && (
          <>
            <h3>
              {person.name} · {person.staffNo}
            </h3>
            <p>{t('training.records.trainingDays', { count: trainingDays.length })}</p>
            <div className="toolbar">
              <ExportButtons
                name={`${person.name}-${t('training.records.personTitle')}`}
                rows={history}
                columns={[
                  { header: t('training.field.day'), value: (h) => h.day },
                  { header: t('training.field.course'), value: (h) => courseName(h.courseId) },
                  { header: t('training.records.kind'), value: (h) => t(`training.records.type.${h.type}`) },
                  { header: t('training.records.detail'), value: (h) => describe(h) },
                ]}
              />
            </div>
            {history.length === 0 ? (
              <p>{t('training.records.noHistory')}</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('training.field.day')}</th>
                    <th scope="col">{t('training.field.course')}</th>
                    <th scope="col">{t('training.records.kind')}</th>
                    <th scope="col">{t('training.records.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h, i) => (
                    <tr key={i} data-testid="history-row">
                      <td>{h.day}</td>
                      <td>{courseName(h.courseId)}</td>
                      <td>{t(`training.records.type.${h.type}`)}</td>
                      <td>{describe(h)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </section>
  );
}
