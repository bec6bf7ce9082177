import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Question } from '../../domain/schemas/course';
import { useBanks, useCourses, usePermissions } from './data';
import { ListPage } from './ListPage';
import { encodeId } from './ui';

/** The question banks exams are drawn from. */
export function BanksPage() {
  const { t } = useTranslation();
  const { banks, loading } = useBanks();
  const { byId: courses } = useCourses();
  const can = usePermissions();
  return (
    <ListPage
      id="banks"
      title={t('training.bank.listTitle')}
      action={can.catalog ? { to: '/training/banks/import', label: t('training.import.title') } : undefined}
      loading={loading}
      columns={[t('training.bank.name'), t('training.field.course'), t('training.bank.questions'), t('training.bank.points')]}
    >
      {banks.map((b) => (
        <tr key={b.id}>
          <td>
            <Link to={`/training/banks/${encodeId(b.id)}`}>{b.name}</Link>
          </td>
          <td>{b.courseId ? (courses.get(b.courseId)?.name ?? b.courseId) : t('common.none')}</td>
          <td>{b.questions.length}</td>
          <td>{b.questions.reduce((n, q) => n + q.points, 0)}</td>
        </tr>
      ))}
    </ListPage>
  );
}

export function answerText(q: Question, t: (key: string) => string): string {
  if (q.type === 'short-answer') return q.explanation ?? '';
  if (q.type === 'true-false') return t(`training.take.${q.answer[0]}`);
  return q.answer.map((a) => a.toUpperCase()).join('');
}

/** One bank's questions. */
export function BankPage() {
  const { bankId = '' } = useParams();
  const { t } = useTranslation();
  const { banks, loading } = useBanks();
  const can = usePermissions();
  const bank = banks.find((b) => b.id === bankId);
  if (!bank) return <p role="status">{loading ? t('common.loading') : t('training.bank.notFound')}</p>;
  return (
    <section aria-labelledby="bank-title">
      <h1 id="bank-title">{bank.name}</h1>
      <div className="toolbar">
        {can.catalog && (
          <Link className="button-link" to={`/training/banks/import?bankId=${encodeId(bank.id)}`}>
            {t('training.import.intoBank')}
          </Link>
        )}
      </div>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('training.import.type')}</th>
            <th scope="col">{t('training.import.prompt')}</th>
            <th scope="col">{t('training.import.options')}</th>
            <th scope="col">{t('training.import.answer')}</th>
            <th scope="col">{t('training.bank.points')}</th>
          </tr>
        </thead>
        <tbody>
          {bank.questions.map((q, i) => (
            <tr key={q.id}>
              <td>{i + 1}</td>
              <td>{t(`training.questionType.${q.type}`)}</td>
              <td>{q.prompt}</td>
              <td>{q.options.map((o, j) => `${String.fromCharCode(65 + j)}. ${o.text}`).join('  ')}</td>
              <td>{answerText(q, t)}</td>
              <td>{q.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
