import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { CSV_TYPE, saveFile, toCsv } from '../../app/export';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import { importQuestions, type ImportResult } from '../../domain/rules/question-import';
import { ORG_WIDE } from '../../domain/schemas/common';
import { questionBankSchema } from '../../domain/schemas/course';
import { upsertDoc, type NewDoc } from '../../db/write';
import { answerText } from './BanksPage';
import { useBanks, useCourses, usePermissions } from './data';
import { readSpreadsheet } from './sheet';
import { encodeId } from './ui';

const TEMPLATE: string[][] = [
  ['类型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '分值', '解析'],
  ['单选', '上岗前应提前多少分钟到岗参加班前会？', '5 分钟', '10 分钟', '15 分钟', '30 分钟', 'B', '5', ''],
  ['多选', '下列属于工作纪律禁止行为的有：', '串岗', '脱岗', '上岗时吃东西', '使用文明用语', 'ABC', '5', ''],
  ['判断', '漏打卡经组长说明并经项目经理确认后可视为正常出勤。', '', '', '', '', '对', '5', ''],
  ['简答', '简述首问负责制的含义。', '', '', '', '', '', '10', '首位接待的工作人员负责解答或引导，不得推诿。'],
];

/** Questions imported from xlsx or CSV: every row checked and previewed, with its errors, before anything is written. */
export function ImportQuestionsPage() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { banks } = useBanks();
  const { courses } = useCourses();
  const can = usePermissions();
  const [target, setTarget] = useState(params.get('bankId') ?? '');
  const [bankName, setBankName] = useState('');
  const [courseId, setCourseId] = useState('');
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<{ label: string; value: number; max: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bank = banks.find((b) => b.id === target);

  const read = async (file: File) => {
    setError(null);
    setPreview(null);
    setFileName(file.name);
    setProgress({ label: t('training.import.reading'), value: 0, max: 1 });
    try {
      const rows = await readSpreadsheet(file);
      setPreview(importQuestions(rows, bank?.questions.map((q) => q.id) ?? []));
    } catch (e) {
      setError(t('training.import.unreadable', { message: String(e) }));
    } finally {
      setProgress(null);
    }
  };

  const write = async () => {
    if (!preview || preview.questions.length === 0) return;
    if (!bank && !bankName.trim()) {
      setError(t('training.import.nameRequired'));
      return;
    }
    setError(null);
    setProgress({ label: t('training.import.writing'), value: 0, max: 1 });
    const imported = preview.questions.map((q) => q.question);
    let fields: NewDoc<'catalog'> & { kind: 'question-bank' };
    if (bank) {
      const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest } = bank;
      fields = { ...rest, questions: [...bank.questions, ...imported] };
    } else {
      fields = { id: `bank-${newId()}`, siteId: ORG_WIDE, kind: 'question-bank', name: bankName.trim(), ...(courseId ? { courseId } : {}), questions: imported };
    }
    const check = questionBankSchema.safeParse({ ...fields, updatedAt: new Date(0).toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
    if (!check.success) {
      setProgress(null);
      setError(t('training.import.invalidBank', { message: check.error.issues[0]?.message ?? '' }));
      return;
    }
    await upsertDoc(db, 'catalog', fields, author);
    setProgress({ label: t('training.import.writing'), value: 1, max: 1 });
    navigate(`/training/banks/${encodeId(fields.id)}`);
  };

  if (!can.catalog) return <p>{t('training.course.readOnly')}</p>;
  return (
    <section aria-labelledby="import-title" className="training-form">
      <h1 id="import-title">{t('training.import.title')}</h1>
      <p className="muted">{t('training.import.hint')}</p>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => saveFile('题库导入模板.csv', toCsv(TEMPLATE[0]!.map((header, i) => ({ header, value: (r: string[]) => r[i] })), TEMPLATE.slice(1)), CSV_TYPE)}>
          {t('training.import.template')}
        </button>
      </div>
      <div className="form-grid">
        <label className="field">
          {t('training.import.target')}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('training.import.newBank')}</option>
            {banks.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        {!bank && (
          <>
            <label className="field">
              {t('training.bank.name')}
              <input value={bankName} onChange={(e) => setBankName(e.target.value)} maxLength={100} />
            </label>
            <label className="field">
              {t('training.field.course')}
              <select value={courseId} onChange={(e) => setCourseId(e.target.value)}>
                <option value="">{t('common.none')}</option>
                {courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="field">
          {t('training.import.file')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void read(file);
            }}
          />
        </label>
      </div>
      {progress && <ProgressBar label={progress.label} value={progress.value} max={progress.max} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          <p role="status" data-testid="import-summary">
            {t('training.import.summary', { file: fileName, rows: preview.rowCount, ok: preview.questions.length, bad: new Set(preview.errors.map((e) => e.row)).size })}
          </p>
          {preview.errors.length > 0 && (
            <table className="data import-errors" aria-label={t('training.import.errorsTitle')}>
              <caption>{t('training.import.errorsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.import.row')}</th>
                  <th scope="col">{t('training.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr key={`${e.row}-${e.code}`} data-testid="import-error">
                    <td>{e.row}</td>
                    <td>{t(`training.import.error.${e.code}`, { detail: e.detail ?? '' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.questions.length > 0 && (
            <table className="data" aria-label={t('training.import.previewTitle')}>
              <caption>{t('training.import.previewTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.import.row')}</th>
                  <th scope="col">{t('training.import.type')}</th>
                  <th scope="col">{t('training.import.prompt')}</th>
                  <th scope="col">{t('training.import.answer')}</th>
                  <th scope="col">{t('training.bank.points')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.questions.map(({ row, question }) => (
                  <tr key={row} data-testid="import-preview-row">
                    <td>{row}</td>
                    <td>{t(`training.questionType.${question.type}`)}</td>
                    <td>{question.prompt}</td>
                    <td>{answerText(question, t)}</td>
                    <td>{question.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="toolbar">
            <button type="button" disabled={preview.questions.length === 0 || progress !== null} onClick={() => void write()}>
              {preview.errors.length > 0
                ? t('training.import.writeSkipping', { count: preview.questions.length, bad: new Set(preview.errors.map((e) => e.row)).size })
                : t('training.import.write', { count: preview.questions.length })}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
