import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import * as Y from 'yjs';
import { useDebouncedSave } from '../../app/useDebouncedSave';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { scoreInspection, type InspectionScore } from '../../domain/rules/inspection';
import {
  applyAnswer,
  findAnswer,
  isItemShown,
  nextInstance,
  sectionInstances,
  submissionProblems,
  submitInspection,
  withSignature,
  type AnswerPatch,
  type SubmissionProblem,
} from '../../domain/rules/inspection-run';
import type { Signature } from '../../domain/schemas/inspection';
import type { TemplateSection } from '../../domain/schemas/inspection-template';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { abilitiesOf, mutateDoc, useActions, useInspectionDoc, useSitePolicy, useSites, useStaff, useTemplates, type InspectionDoc } from './data';
import { formatScore, scoreTone } from './format';
import { ItemCard, NoteField } from './ItemCard';
import { MediaImage, MediaStatus, SignatureCapture } from './MediaParts';
import { absorb, GENERAL_NOTE, itemNoteField, stateOf } from './notes';

const NOTES_SAVE_DELAY_MS = 600;

/** Runs a draft inspection offline: every answer saves at once; notes merge; signatures; submit locks it. */
export function RunPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const { inspection, loading } = useInspectionDoc(id);
  const { templates } = useTemplates();
  const sites = useSites();
  const site = sites.find((s) => s.id === inspection?.siteId);
  const policy = useSitePolicy(site);
  const staff = useStaff(inspection?.siteId);
  const allActions = useActions();
  const template = templates.find((tp) => tp.id === inspection?.templateId);
  const [notes] = useState(() => new Y.Doc());
  const [problems, setProblems] = useState<SubmissionProblem[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => absorb(notes, inspection?.notes), [notes, inspection?.notes]);

  const mutate = useCallback(
    (change: (cur: InspectionDoc) => InspectionDoc) =>
      mutateDoc(
        db,
        'inspections',
        id,
        (cur) => {
          if (cur.kind !== 'inspection') throw new Error('not an inspection');
          if (cur.status !== 'draft') throw new Error(t('inspections.run.alreadySubmitted'));
          return change(cur);
        },
        author,
      ).catch((err: Error) => setError(err.message)),
    [db, id, author, t],
  );

  const saveNotes = useCallback(
    () =>
      mutate((cur) => {
        // Whatever other devices wrote meanwhile joins the local edits before they are stored.
        absorb(notes, cur.notes);
        return { ...cur, notes: stateOf(notes) };
      }),
    [mutate, notes],
  );
  const { schedule: scheduleNotes, flush: flushNotes } = useDebouncedSave(saveNotes, NOTES_SAVE_DELAY_MS, {
    key: `hallops.unsaved-notes.${id}.${author.userId}`,
    take: () => stateOf(notes),
    restore: (saved) => absorb(notes, saved),
  });

  const score = useMemo(() => (template && inspection ? scoreInspection(template.sections, inspection.answers, policy) : null), [template, inspection, policy]);

  if (loading && !inspection) return <p role="status">{t('common.loading')}</p>;
  if (!inspection) return <p role="alert">{t('inspections.run.notFound')}</p>;
  if (inspection.status !== 'draft') return <Navigate to={`/inspections/report/${inspection.id}`} replace />;
  if (!abilitiesOf(session).inspect) return <p>{t('inspections.notAllowed')}</p>;
  if (!template || !score) return <p role="alert">{t('inspections.run.templateMissing', { version: inspection.templateVersion })}</p>;

  const userId = session?.user.id ?? author.userId;
  const answer = (itemId: string, instance: number, patch: AnswerPatch) =>
    mutate((cur) => ({ ...cur, answers: applyAnswer(cur.answers, itemId, instance, patch, new Date(nowMs()).toISOString(), userId) }));
  const sign = (role: Signature['role']) => async ({ name, media }: { name: string; media: string }) => {
    await mutate((cur) => ({ ...cur, signatures: withSignature(cur.signatures, { role, name, media, signedAt: new Date(nowMs()).toISOString() }) }));
  };
  const unsign = (role: Signature['role']) => mutate((cur) => ({ ...cur, signatures: cur.signatures.filter((s) => s.role !== role) }));
  const addInstance = (section: TemplateSection) =>
    mutate((cur) => {
      const n = nextInstance(section, cur);
      if (n === null) return cur;
      return { ...cur, instanceLabels: [...cur.instanceLabels, { sectionId: section.id, instance: n, label: `${section.title} ${n + 1}` }] };
    });
  const label = (sectionId: string, instance: number, text: string) =>
    mutate((cur) => ({
      ...cur,
      instanceLabels: [...cur.instanceLabels.filter((l) => !(l.sectionId === sectionId && l.instance === instance)), ...(text.trim() ? [{ sectionId, instance, label: text.trim().slice(0, 100) }] : [])],
    }));

  const trySubmit = () => {
    const found = submissionProblems(template.sections, inspection);
    setProblems(found);
    if (found.length === 0) setConfirming(true);
    else document.getElementById('submit-problems')?.focus();
  };
  const submit = async () => {
    setConfirming(false);
    await flushNotes();
    const done = await mutate((cur) => submitInspection(cur, template.sections, policy, new Date(nowMs()).toISOString()));
    if (done) navigate(`/inspections/report/${inspection.id}`);
  };

  const problemAt = (itemId: string, instance: number) =>
    problems?.find((p): p is Extract<SubmissionProblem, { itemId: string }> => 'itemId' in p && p.itemId === itemId && p.instance === instance)?.kind;
  const actions = allActions.filter((a) => a.inspectionId === inspection.id);
  const person = staff.find((s) => s.id === inspection.staffId);
  const post = site?.posts.find((p) => p.id === inspection.postId);
  const signed = (role: Signature['role']) => inspection.signatures.find((s) => s.role === role);

  return (
    <section className="insp-run">
      <header className="run-head">
        <div>
          <h1>
            {template.name} <small>v{template.version}</small>
          </h1>
          <p className="muted">
            {site?.name ?? inspection.siteId}
            {post && ` · ${post.name}`}
            {person && ` · ${person.name}`} · {inspection.day} · {t(`inspections.mode.${inspection.mode}`)}
          </p>
        </div>
        <MediaStatus />
      </header>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="run-layout">
        <div className="run-items">
          {template.sections.map((section) => (
            <section key={section.id} className="run-section" aria-labelledby={`sec-${section.id}`}>
              <h2 id={`sec-${section.id}`}>
                {section.title} <span className="badge">{t('inspections.run.weight', { weight: section.weight })}</span>
              </h2>
              {section.guidance && <p className="hint">{section.guidance}</p>}
              {sectionInstances(section, inspection).map((instance) => (
                <div key={instance} className={section.repeatable ? 'instance' : undefined}>
                  {section.repeatable && (
                    <InstanceLabel
                      value={inspection.instanceLabels.find((l) => l.sectionId === section.id && l.instance === instance)?.label ?? ''}
                      fallback={`${section.title} ${instance + 1}`}
                      onCommit={(text) => void label(section.id, instance, text)}
                    />
                  )}
                  {section.items
                    .filter((item) => isItemShown(template.sections, section.id, item, instance, inspection.answers))
                    .map((item) => (
                      <ItemCard
                        key={item.id}
                        inspection={inspection}
                        item={item}
                        instance={instance}
                        answer={findAnswer(inspection.answers, item.id, instance)}
                        actions={actions.filter((a) => a.itemId === item.id && a.instance === instance)}
                        policy={policy}
                        notes={notes}
                        noteField={itemNoteField(item.id, instance)}
                        onNoteEdited={scheduleNotes}
                        onAnswer={(patch) => answer(item.id, instance, patch)}
                        problem={problemAt(item.id, instance)}
                      />
                    ))}
                </div>
              ))}
              {section.repeatable && nextInstance(section, inspection) !== null && (
                <button type="button" className="secondary" onClick={() => void addInstance(section)}>
                  {t('inspections.run.addInstance', { section: section.title })}
                </button>
              )}
            </section>
          ))}
          <section className="run-section" aria-labelledby="general-notes">
            <h2 id="general-notes">{t('inspections.run.notes')}</h2>
            <NoteField doc={notes} field={GENERAL_NOTE} label={t('inspections.run.generalNote')} onEdited={scheduleNotes} />
          </section>
          <section className="run-section" aria-labelledby="signatures">
            <h2 id="signatures">{t('inspections.sign.title')}</h2>
            <div className="signatures">
              {(['inspector', 'site-lead'] as const).map((role) => {
                const s = signed(role);
                return (
                  <div key={role} className="signature-slot" data-testid={`signature-${role}`} data-signed={Boolean(s)}>
                    <h3>{t(`inspections.sign.${role}`)}</h3>
                    {s ? (
                      <>
                        <MediaImage hash={s.media} alt={t('inspections.sign.imageOf', { name: s.name })} className="signature-image" />
                        <p>
                          {s.name} · {new Date(s.signedAt).toLocaleString()}
                        </p>
                        <button type="button" className="link" onClick={() => void unsign(role)}>
                          {t('inspections.sign.again')}
                        </button>
                      </>
                    ) : (
                      <SignatureCapture
                        title={t(`inspections.sign.${role}`)}
                        defaultName={role === 'inspector' ? (session?.user.displayName ?? '') : ''}
                        onSigned={sign(role)}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          </section>
          <section className="run-section" aria-labelledby="submit-heading">
            <h2 id="submit-heading">{t('inspections.run.submitHeading')}</h2>
            {problems && problems.length > 0 && (
              <div id="submit-problems" className="problems" role="alert" tabIndex={-1}>
                <p>{t('inspections.run.problems', { n: problems.length })}</p>
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>
                      {'itemId' in p ? (
                        <a href={`#item-${p.itemId}-${p.instance}`}>
                          {template.sections.flatMap((s) => s.items).find((x) => x.id === p.itemId)?.label} — {t(`inspections.problem.${p.kind}`)}
                        </a>
                      ) : (
                        t('inspections.problem.signature', { role: t(`inspections.sign.${p.role}`) })
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="toolbar">
              <Link to="/inspections">{t('inspections.run.later')}</Link>
              <button type="button" onClick={trySubmit} data-testid="submit-inspection">
                {t('inspections.run.submit')}
              </button>
            </div>
          </section>
        </div>
        <ScorePanel score={score} sections={template.sections} policyGrades={policy.inspection.gradeBands} />
      </div>
      <ConfirmDialog open={confirming} title={t('inspections.run.confirmTitle')} confirmLabel={t('inspections.run.submit')} onConfirm={() => void submit()} onCancel={() => setConfirming(false)}>
        <p>{t('inspections.run.confirmText', { score: formatScore(score.score) })}</p>
      </ConfirmDialog>
    </section>
  );
}

function InstanceLabel({ value, fallback, onCommit }: { value: string; fallback: string; onCommit: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  return (
    <div className="field inline">
      <label>
        {t('inspections.run.instanceLabel')}{' '}
        <input
          value={text ?? value}
          placeholder={fallback}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            if (text !== null && text !== value) onCommit(text);
            setText(null);
          }}
        />
      </label>
    </div>
  );
}

/** The live score, its grade and each section's score, as answers come in. */
export function ScorePanel({
  score,
  sections,
  policyGrades,
}: {
  score: InspectionScore;
  sections: readonly TemplateSection[];
  policyGrades: readonly { grade: string; label: string }[];
}) {
  const { t } = useTranslation();
  const grade = score.grade ? (policyGrades.find((g) => g.grade === score.grade!.grade)?.label ?? score.grade.label) : null;
  return (
    <aside className="score-panel" aria-labelledby="score-heading">
      <h2 id="score-heading">{t('inspections.run.liveScore')}</h2>
      <p className={`big-score badge ${scoreTone(score.score)}`} data-testid="live-score" data-score={score.score ?? ''} aria-live="polite">
        {formatScore(score.score)}
      </p>
      {grade && <p className="grade">{grade}</p>}
      {score.vetoed && <p className="badge bad">{t('inspections.run.vetoed')}</p>}
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">{t('inspections.run.section')}</th>
            <th scope="col">{t('inspections.fields.score')}</th>
          </tr>
        </thead>
        <tbody>
          {score.sections.map((s) => (
            <tr key={s.sectionId} data-testid="section-score" data-section={s.sectionId}>
              <td>{sections.find((x) => x.id === s.sectionId)?.title ?? s.sectionId}</td>
              <td>
                {formatScore(s.score)}
                {s.vetoed && <span className="badge bad"> {t('inspections.run.vetoedShort')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('inspections.run.counts', { failed: score.failed.length, unanswered: score.unanswered.length })}</p>
    </aside>
  );
}
